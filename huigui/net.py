"""This machine's addresses, found without sending a packet anywhere.

Phones in a workshop room reach the server by its address on the venue's network, never by
``localhost``. The address is read from the network interfaces (``getifaddrs`` through
ifaddr) and, on Linux, ranked by the routing table: the interface that carries the default
route is the one the room's Wi-Fi reaches. No DNS look-up, no UDP "connect" trick, no
request to an external "what is my IP" service.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import ifaddr

__all__ = [
    "Interface",
    "interfaces",
    "is_loopback_host",
    "keep_streamlit_offline",
    "lan_address",
    "lan_addresses",
]

#: Interfaces of containers, VMs and VPN tunnels: phones in the room do not reach them.
_VIRTUAL_PREFIXES = (
    "docker",
    "br-",
    "veth",
    "virbr",
    "vmnet",
    "vboxnet",
    "tun",
    "tap",
    "utun",
    "zt",
    "tailscale",
    "wg",
    "cni",
    "flannel",
    "lxc",
    "lxd",
)
_ROUTES = Path("/proc/net/route")


@dataclass(frozen=True)
class Interface:
    """One IPv4 address of one network interface."""

    name: str
    address: str


def interfaces() -> list[Interface]:
    """Every IPv4 address of every interface (loopback included)."""
    found = []
    for adapter in ifaddr.get_adapters():
        for ip in adapter.ips:
            if isinstance(ip.ip, str):  # IPv4; IPv6 comes as a tuple
                found.append(Interface(str(adapter.name), ip.ip))
    return found


def _default_route_interfaces(routes: Path = _ROUTES) -> set[str]:
    """Interfaces carrying a default route (Linux ``/proc/net/route``; empty elsewhere)."""
    try:
        lines = routes.read_text().splitlines()[1:]
    except OSError:
        return set()
    names = set()
    for line in lines:
        fields = line.split()
        if len(fields) > 2 and fields[1] == "00000000":
            names.add(fields[0])
    return names


def _rank(interface: Interface, default: set[str]) -> tuple[int, int, str] | None:
    """Sort key of a usable LAN address (lower is better), None when phones cannot use it."""
    ip = ipaddress.IPv4Address(interface.address)
    if ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_unspecified:
        return None
    virtual = interface.name.lower().startswith(_VIRTUAL_PREFIXES)
    return (
        0 if interface.name in default else 1 if not virtual else 2,
        0 if ip.is_private else 1,
        interface.address,
    )


def lan_addresses(
    found: list[Interface] | None = None, default: set[str] | None = None
) -> list[str]:
    """IPv4 addresses other devices on the network could use, best first."""
    found = interfaces() if found is None else found
    default = _default_route_interfaces() if default is None else default
    ranked = sorted((key, i.address) for i in found if (key := _rank(i, default)) is not None)
    return list(dict.fromkeys(address for _, address in ranked))


def lan_address() -> str | None:
    """The best address for phones on the same network, or None (loopback only)."""
    best = lan_addresses()
    return best[0] if best else None


def keep_streamlit_offline(net_util: ModuleType) -> str | None:
    """Point Streamlit's own address look-ups (its ``streamlit.net_util``, passed in so that
    this module stays free of UI libraries) at the interfaces: its public-address service
    (``checkip.amazonaws.com``) is never asked and no UDP "connect" to 8.8.8.8 is made.
    Returns the LAN address Streamlit will use (None: loopback only)."""
    lan = lan_address()
    setattr(net_util, "get_external_ip", lambda: None)  # noqa: B010 - any module passed in
    setattr(net_util, "get_internal_ip", lambda: lan)  # noqa: B010
    return lan


def is_loopback_host(host: str) -> bool:
    """Whether ``host`` (a name or an address, maybe with ``[…]``) is this machine only."""
    name = host.strip("[]").lower()
    if name in ("localhost", "localhost.localdomain") or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False
