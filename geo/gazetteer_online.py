"""An optional online fallback for names the gazetteer lacks (``geo resolve --online``).

Part of :mod:`geo.gazetteer`; never used by the scan or the tests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from geo.errors import GazetteerError
from geo.gazetteer_data import Candidate, Resolution
from geo.models import Place

USER_AGENT = "geo-syria-control-maps/0.1 (offline news geoparser; online fallback on request)"


def _cache_file() -> Path:
    import os

    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "geo" / "nominatim.json"


def online_resolve(name: str, *, cache: Path | None = None) -> Resolution:
    """Ask OpenStreetMap Nominatim for a name the gazetteer lacks (``geo resolve --online``).

    Calls go through geopy's ``RateLimiter`` (one a second, Nominatim's policy) with a
    descriptive user agent, restricted to Syria and Iraq; answers, misses included, are cached
    in a JSON file (``$XDG_CACHE_HOME/geo/nominatim.json``) so a name is asked once. Never used
    by :meth:`Gazetteer.find` or the tests.

    Raises:
        GazetteerError: When the service cannot be reached or answers with an error.
    """
    import json

    from geo.io import atomic_write_text

    path = cache or _cache_file()
    try:
        table: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        table = {}
    if name not in table:
        from geopy.exc import GeopyError
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        geocode = RateLimiter(Nominatim(user_agent=USER_AGENT).geocode, min_delay_seconds=1.0,
                              max_retries=1, swallow_exceptions=False)
        try:
            location = geocode(name, exactly_one=True, country_codes=["sy", "iq"],
                               addressdetails=True)
        except GeopyError as error:
            raise GazetteerError(f"online lookup of {name!r} failed: {error}") from None
        table[name] = None if location is None else {
            "name": location.address.split(",")[0], "lat": location.latitude,
            "lon": location.longitude,
            "country": str(location.raw.get("address", {}).get("country_code", "")).upper(),
            "osm": f"{location.raw.get('osm_type', '')}:{location.raw.get('osm_id', '')}",
        }
        atomic_write_text(path, json.dumps(table, ensure_ascii=False, indent=1, sort_keys=True))
    found = table[name]
    if not found:
        return Resolution(name, None, "unresolved", 0.0)
    place = Place(id=f"osm:{found['osm']}", name=found["name"], alt_names=(), lat=found["lat"],
                  lon=found["lon"], kind="village", country=found["country"] or "SY",
                  source="nominatim")
    return Resolution(name, place, "resolved", 0.5, (Candidate(place, 0.5),))
