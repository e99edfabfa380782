"""Question banks as spreadsheets, for consultants and translators, and back to YAML.

``huigui bank export`` writes a bank as an XLSX workbook and ``huigui bank import`` reads it
back; every field survives the round trip, and what a bank leaves out stays out. The sheets:

* ``README``: what to edit and what to leave (English and Chinese); not read back.
* ``bank``: ``field``/``value`` rows for id, version, languages, min_coverage.
* ``stages``, ``dimensions``, ``items``: one row per entity in bank order, a column per
  non-text field (``items`` first names each item's ``dimension``).
* ``texts``: one row per text — ``kind``, ``where`` (the entity's id), ``field``, ``index``
  (for levels and next_step, from 0) — then one column per language in the bank's order.

Import checks the workbook with the loader's rules and names the sheet, row and column of
every problem (:class:`WorkbookError`). The bank's cells are described in
:mod:`huigui.bankxlsx.cells`.
"""

from __future__ import annotations

from .check import read_bank_workbook
from .errors import WorkbookError
from .write import bank_workbook
from .yamlout import bank_yaml

__all__ = ["WorkbookError", "bank_workbook", "bank_yaml", "read_bank_workbook"]
