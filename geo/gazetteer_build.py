"""Build ``data/gazetteer.csv`` from the sources shipped in ``data/`` (``geo gazetteer build``).

Inputs, all in the repository:

- ``sources/wp_syria_marks.csv``: Wikipedia's "Syrian Civil War detailed map" marks (CC BY-SA 4.0);
- ``sources/wp_iraq_marks.csv``: Wikipedia's "Iraqi insurgency detailed map" marks (CC BY-SA 4.0);
- ``sources/geonames_sy_iq.csv``: GeoNames populated places of Syria and Iraq (CC BY 4.0);
- ``gazetteer_curated.csv``: hand-checked places with the press's spellings, each citing the
  source of its coordinates, with an optional ``merge`` list of source rows it stands for;
- ``boundaries/*.geojson``: Natural Earth governorates and countries, for ``admin1``,
  ``country`` and one ``region`` row per governorate.

The same inputs give a byte-identical CSV. Every Wikipedia row ends up in exactly one
gazetteer row (``wp:N`` in ``source`` for the Syrian map, ``wpiq:N`` for the Iraqi one, N the
0-based data row). Ids are
``<country>-<slug of the name>``; when several rows share that, the most prominent (curated
first, then kind, population, source order) keeps it and the others take ``-<admin1 slug>``,
then ``-<round(lat*100)>-<round(lon*100)>`` if that is still taken.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.errors import GazetteerError
from geo.gazetteer import COLUMNS, KIND_WEIGHT, _deaccent, normalize
from geo.models import PLACE_KINDS

WP_KIND = {
    "village": "village", "town": "town", "city": "city", "airbase": "airport",
    "heliport": "airport", "base": "base", "hill": "hill", "oil": "oilfield",
    "industry": "base", "dam": "dam", "border": "crossing", "port": "base", "label": "region",
    "area": "region",
}
#: The Wikipedia map modules: source prefix in ``source``/``merge`` -> file under ``sources/``.
#: The Syrian map comes first, so its rows keep their places and ids.
WP_SOURCES: dict[str, str] = {"wp": "wp_syria_marks.csv", "wpiq": "wp_iraq_marks.csv"}
CURATED_COLUMNS = ("name", "alt_names", "lat", "lon", "kind", "country", "population", "merge",
                   "coord_source")

# Natural Earth governorates: HASC code -> (name used in admin1 and in the region row, capital).
GOVERNORATES: dict[str, tuple[str, str]] = {
    "SY.LA": ("Latakia", "Latakia"), "SY.TA": ("Tartus", "Tartus"),
    "SY.RA": ("Raqqa", "Raqqa"), "SY.HL": ("Aleppo", "Aleppo"), "SY.HM": ("Hama", "Hama"),
    "SY.HI": ("Homs", "Homs"), "SY.ID": ("Idlib", "Idlib"), "SY.HA": ("Hasakah", "Hasakah"),
    "SY.DY": ("Deir ez-Zor", "Deir ez-Zor"), "SY.SU": ("Suwayda", "Suwayda"),
    "SY.RD": ("Rif Dimashq", ""), "SY.QU": ("Quneitra", "Quneitra"), "SY.DR": ("Daraa", "Daraa"),
    "SY.DI": ("Damascus", "Damascus"),
    "IQ.DA": ("Dohuk", "Dohuk"), "IQ.TS": ("Kirkuk", "Kirkuk"), "IQ.AR": ("Erbil", "Erbil"),
    "IQ.NI": ("Nineveh", "Mosul"), "IQ.SD": ("Salah ad-Din", "Tikrit"),
    "IQ.NA": ("Najaf", "Najaf"), "IQ.KA": ("Karbala", "Karbala"), "IQ.BG": ("Baghdad", "Baghdad"),
    "IQ.BA": ("Basra", "Basra"), "IQ.MU": ("Muthanna", ""), "IQ.QA": ("Qadisiyah", ""),
    "IQ.DQ": ("Dhi Qar", ""), "IQ.MA": ("Maysan", ""), "IQ.WA": ("Wasit", ""),
    "IQ.SU": ("Sulaymaniyah", "Sulaymaniyah"), "IQ.DI": ("Diyala", ""),
    "IQ.AN": ("Anbar", "Ramadi"), "IQ.BB": ("Babil", "Hillah"),
}
# Spellings of governorates the press uses that Natural Earth lacks (HASC code -> names).
PRESS_SPELLINGS: dict[str, tuple[str, ...]] = {
    "IQ.SD": ("Salahuddin", "Salah al-Din", "Saladin", "Salahaddin", "Salaheddin"),
    "IQ.NI": ("Ninewa", "Ninawa"),
    "IQ.AN": ("al-Anbar",),
    "IQ.DA": ("Duhok",),
    "IQ.SU": ("Sulaimani", "Slemani"),
    "IQ.TS": ("Tameem",),
}
ISO3_TO_2 = {
    "SYR": "SY", "IRQ": "IQ", "TUR": "TR", "LBN": "LB", "JOR": "JO", "ISR": "IL", "PSE": "PS",
    "CYP": "CY", "IRN": "IR", "SAU": "SA", "KWT": "KW", "EGY": "EG", "AZE": "AZ",
}
MERGE_KM = 4.0  # same normalised name within this distance: one place
GEONAMES_MATCH_KM = 25.0  # a GeoNames place this close with the same name is the same place
DISAGREE_KM = 5.0


@dataclass
class _Record:
    names: list[str]
    lat: float
    lon: float
    kind: str
    rank: int  # 0 curated, 1 wikipedia, 2 geonames: who sets name, coordinates and kind
    order: int
    country: str = ""
    population: int | None = None
    wp: list[int] = field(default_factory=list)
    wpiq: list[int] = field(default_factory=list)
    geonames: list[int] = field(default_factory=list)
    curated: bool = False
    keys: set[str] = field(default_factory=set)
    own_names: list[str] = field(default_factory=list)

    def add_names(self, names: Iterable[str]) -> None:
        for name in names:
            name = name.strip()
            if name and "|" not in name and name not in self.names:
                self.names.append(name)
                key = normalize(name)
                if key:
                    self.keys.add(key)


@dataclass(frozen=True)
class BuildReport:
    """What a build did: row counts and the WP/GeoNames coordinate disagreements."""

    rows: int
    by_country: dict[str, int]
    by_kind: dict[str, int]
    wp_rows: int
    geonames_rows: int
    curated_rows: int
    disagreements: list[dict[str, str]]
    english_words: int


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _geodesic_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    from geopy.distance import geodesic

    return float(geodesic(a, b).km)


_PAREN = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")


def _wp_names(name: str, feature: str) -> tuple[str, list[str]]:
    """Split a WP label into a main name and alternates ("Kobanî (Ayn al-Arab)")."""
    main, alts = re.sub(r",\s*(?:Syria|Iraq)$", "", name.strip()), []
    match = _PAREN.match(main)
    if match:
        main, inner = match.group(1).strip(), match.group(2).strip()
        if feature in ("village", "town", "city") and inner and not re.search(r"\d", inner):
            alts.append(inner)
        elif feature not in ("village", "town", "city"):
            alts.append(main)  # "137th Regiment (Khan ash-Shih)": keep the full label
            main = name.strip()
            alts = [match.group(1).strip()]
    if "/" in main and feature in ("village", "town", "city"):
        parts = [p.strip() for p in main.split("/")]
        if all(p and len(p.split()) <= 3 for p in parts):
            main, alts = parts[0], alts + parts[1:]
    return main, alts


def _good_latin(name: str) -> bool:
    if len(name) < 3 or not name[0].isupper() or name.isupper():
        return False
    words = name.replace("-", " ").split()
    return all(w[0].isupper() or w.lower() in ("al", "el", "ad", "ar", "as", "ash", "at", "az",
                                               "an", "ed", "es", "ez", "ibn", "bin", "bani")
               for w in words)


def _arabic(name: str) -> bool:
    return bool(name) and all("\u0600" <= c <= "\u06ff" or c == " " for c in name)


def _read_csv(path: Path, columns: Sequence[str]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            if missing:
                raise GazetteerError(f"{path}:1: {missing[0]}: missing column")
            return list(reader)
    except OSError as error:
        raise GazetteerError(f"{path}: cannot read: {error.strerror or error}") from None


class _Polygons:
    """Point-in-polygon lookups for governorates and countries (shapely STRtree)."""

    def __init__(self, boundaries: Path) -> None:
        from shapely import STRtree
        from shapely.geometry import shape

        self.admin: list[tuple[str, str, Any]] = []
        for file, country in (("syria-governorates.geojson", "SY"),
                              ("iraq-governorates.geojson", "IQ")):
            data = json.loads((boundaries / file).read_text(encoding="utf-8"))
            for feature in data["features"]:
                props = feature["properties"]
                hasc = props.get("code_hasc") or ""
                label = GOVERNORATES.get(hasc, ("Quneitra", ""))[0]  # UNDOF zone: Quneitra
                self.admin.append((label, country, shape(feature["geometry"])))
        self.admin_tree = STRtree([g for _, _, g in self.admin])
        data = json.loads((boundaries / "syria-region.geojson").read_text(encoding="utf-8"))
        self.countries = [(ISO3_TO_2.get(f["properties"].get("iso_a3", ""), ""),
                           shape(f["geometry"])) for f in data["features"]]
        self.country_tree = STRtree([g for _, g in self.countries])
        self.gov_features = [
            (f, c) for file, c in (("syria-governorates.geojson", "SY"),
                                   ("iraq-governorates.geojson", "IQ"))
            for f in json.loads((boundaries / file).read_text(encoding="utf-8"))["features"]
        ]

    def locate(self, lat: float, lon: float, prefer: str = "") -> tuple[str, str]:
        """Return (admin1, country) of a point; the nearest governorate within ~5 km if outside.

        ``prefer`` is the country of the map that drew the mark: a mark within ~10 km of that
        country's outline stays in it (a border post the Syrian map draws on the line is the
        Syrian post).
        """
        from shapely.geometry import Point

        point = Point(lon, lat)
        if prefer:
            near = [(geom.distance(point), label) for label, country, geom in self.admin
                    if country == prefer]
            distance, label = min(near) if near else (1.0, "")
            if distance <= 0.1:
                return label, prefer
        country = ""
        for i in sorted(self.country_tree.query(point, predicate="intersects")):
            code, _ = self.countries[i]
            if code:
                country = code
                break
        hits = sorted(self.admin_tree.query(point, predicate="intersects"))
        if hits:
            label, gov_country, _ = self.admin[hits[0]]
            return label, gov_country
        nearest = self.admin_tree.nearest(point)
        label, gov_country, geom = self.admin[int(nearest)]
        if geom.distance(point) <= 0.05:  # a border mark a few km off at 1:10m: keep its side
            return label, gov_country
        return "", country


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _deaccent(text).lower().translate(
        str.maketrans("", "", "'’‘ʿʾ`´"))).strip("-")


def build(
    data_dir: Path,
    *,
    english_words: Iterable[str] | None = None,
) -> tuple[str, str, str, BuildReport]:
    """Build the gazetteer from the sources under ``data_dir``.

    Args:
        data_dir: The ``data/`` directory.
        english_words: Lower-case English words; when given, the common words that collide with
            place names are written to ``english_words.txt`` content.

    Returns:
        The gazetteer CSV text, the disagreements CSV text, the English-word list text and a
        :class:`BuildReport`.

    Raises:
        GazetteerError: When a source is missing a column or the curated file has a bad row.
    """
    polygons = _Polygons(data_dir / "boundaries")
    marks = {prefix: _read_csv(data_dir / "sources" / file, ("name", "lat", "lon", "feature"))
             for prefix, file in WP_SOURCES.items()}
    gn_rows = _read_csv(data_dir / "sources" / "geonames_sy_iq.csv",
                        ("geonameid", "name", "country", "lat", "lon", "population", "names_ar",
                         "names_latin"))
    curated_path = data_dir / "gazetteer_curated.csv"
    cur_rows = _read_csv(curated_path, CURATED_COLUMNS)

    records: list[_Record] = []
    order = 0

    # 1. curated rows, with the source rows they name explicitly
    wp_owner: dict[tuple[str, int], _Record] = {}
    gn_owner: dict[int, _Record] = {}
    for line, row in enumerate(cur_rows, start=2):
        kind = row["kind"].strip()
        if kind not in PLACE_KINDS:
            raise GazetteerError(f"{curated_path}:{line}: kind: unknown kind {kind!r}")
        if not row["coord_source"].strip():
            raise GazetteerError(f"{curated_path}:{line}: coord_source: missing")
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError:
            raise GazetteerError(f"{curated_path}:{line}: lat: not a number") from None
        record = _Record([], lat, lon, kind, 0, order, country=row["country"].strip(),
                         population=int(row["population"]) if row["population"].strip() else None,
                         curated=True)
        order += 1
        record.add_names([row["name"], *row["alt_names"].split("|")])
        record.own_names = list(record.names)
        for ref in filter(None, (r.strip() for r in row["merge"].split(";"))):
            where, _, number = ref.partition(":")
            if where in marks and number.isdigit() and int(number) < len(marks[where]):
                owner = wp_owner.setdefault((where, int(number)), record)
                if owner is not record:
                    raise GazetteerError(f"{curated_path}:{line}: merge: {ref} is already "
                                         f"merged into {owner.names[0]!r}")
            elif where == "geonames" and number.isdigit():
                gn_owner.setdefault(int(number), record)
            else:
                raise GazetteerError(f"{curated_path}:{line}: merge: bad reference {ref!r}")
        records.append(record)

    # 2. Wikipedia marks: the named curated row, else a same-name record close by, else new
    for prefix, rows in marks.items():
        for index, row in enumerate(rows):
            feature = row["feature"].strip()
            main, alts = _wp_names(row["name"], feature)
            lat, lon = float(row["lat"]), float(row["lon"])
            kind = WP_KIND.get(feature, "village")
            target = wp_owner.get((prefix, index))
            if target is None:
                keys = {normalize(n) for n in (main, *alts)} - {""}
                target = _closest(records, keys, lat, lon, MERGE_KM, kind)
            if target is None:
                target = _Record([], lat, lon, kind, 1, order)
                order += 1
                records.append(target)
            target.add_names([main, *alts])
            (target.wp if prefix == "wp" else target.wpiq).append(index)

    # 3. GeoNames: cross-check against the record with the same name, else a new place
    disagreements: list[dict[str, str]] = []
    for row in gn_rows:
        gid = int(row["geonameid"])
        lat, lon = float(row["lat"]), float(row["lon"])
        latin = [n for n in row["names_latin"].split("|") if _good_latin(n)]
        arabic = [n for n in row["names_ar"].split("|") if _arabic(n)]
        names = [row["name"], *latin]
        population = int(row["population"] or 0) or None
        target = gn_owner.get(gid)
        if target is None:
            keys = {normalize(n) for n in names} - {""}
            target = _closest(records, keys, lat, lon, GEONAMES_MATCH_KM, None)
        if target is None:
            kind = ("city" if (population or 0) >= 100_000
                    else "town" if (population or 0) >= 10_000 else "village")
            target = _Record([], lat, lon, kind, 2, order, country=row["country"])
            order += 1
            records.append(target)
        elif target.wp or target.wpiq:
            prefix, first = ("wp", target.wp[0]) if target.wp else ("wpiq", target.wpiq[0])
            wp = marks[prefix][first]
            distance = _geodesic_km((float(wp["lat"]), float(wp["lon"])), (lat, lon))
            if distance > DISAGREE_KM:
                disagreements.append({
                    "wp_row": str(first) if prefix == "wp" else f"{prefix}:{first}",
                    "wp_name": wp["name"], "wp_lat": wp["lat"],
                    "wp_lon": wp["lon"], "geonames_id": str(gid), "geonames_name": row["name"],
                    "geonames_lat": row["lat"], "geonames_lon": row["lon"],
                    "distance_km": f"{distance:.1f}",
                    "used": "curated" if target.curated else "wp",
                })
        target.add_names([*names, *arabic])
        target.geonames.append(gid)
        if population and not target.population:
            target.population = population

    # A label in brackets ("Tombs Valley (Palmyra)") or a GeoNames alternate ("Berea" for
    # Aleppo) must not make a place answer to the main name of another place.
    primary: dict[str, set[int]] = {}
    for record in records:
        for name in record.own_names or record.names[:1]:
            primary.setdefault(normalize(name), set()).add(id(record))
    for record in records:
        keep = set(record.own_names or record.names[:1])
        record.names = [n for n in record.names
                        if n in keep or primary.get(normalize(n), {id(record)}) == {id(record)}]

    # 4. admin1 and country from the polygons; one region row per governorate
    located = [polygons.locate(r.lat, r.lon, _map_country(r)) for r in records]
    regions = _governorate_records(polygons, records, order)
    rows_out = _rows(records, located, regions)
    text = _csv_text(rows_out)
    dis_text = _csv_text(
        [["wp_row", "wp_name", "wp_lat", "wp_lon", "geonames_id", "geonames_name", "geonames_lat",
          "geonames_lon", "distance_km", "used"]]
        + [list(d.values()) for d in sorted(disagreements, key=_disagreement_order)]
    )
    words_text = ""
    word_count = 0
    if english_words is not None:
        words = sorted({w for w in english_words if w.isalpha() and w.isascii() and len(w) > 1})
        words_text = "\n".join(words) + "\n"
        word_count = len(words)
    by_country: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    for r in rows_out[1:]:
        by_country[r[7]] = by_country.get(r[7], 0) + 1
        by_kind[r[5]] = by_kind.get(r[5], 0) + 1
    report = BuildReport(len(rows_out) - 1, dict(sorted(by_country.items())),
                         dict(sorted(by_kind.items())), sum(len(r) for r in marks.values()),
                         len(gn_rows), len(cur_rows),
                         disagreements, word_count)
    return text, dis_text, words_text, report


def _map_country(record: _Record) -> str:
    """The country a record belongs to near a border ("" when nothing says).

    A curated row's own country, else the country of the one map that drew it.
    """
    if record.curated:
        return record.country if record.country in ("SY", "IQ") else ""
    if bool(record.wp) == bool(record.wpiq):
        return ""
    return "SY" if record.wp else "IQ"


def _disagreement_order(row: dict[str, str]) -> tuple[int, int]:
    """Syrian rows (``N``) first, then the Iraqi ones (``wpiq:N``), each by row number."""
    prefix, _, number = row["wp_row"].rpartition(":")
    return (1 if prefix else 0, int(number))


def _closest(records: list[_Record], keys: set[str], lat: float, lon: float, km: float,
             kind: str | None) -> _Record | None:
    best: tuple[float, int] | None = None
    chosen: _Record | None = None
    for record in records:
        if not (record.keys & keys):
            continue
        if kind is not None and record.kind != kind and not record.curated:
            continue  # a village and the base named after it stay apart
        distance = _km((record.lat, record.lon), (lat, lon))
        if distance <= km and (best is None or (distance, record.order) < best):
            best, chosen = (distance, record.order), record
    return chosen


def _governorate_records(polygons: _Polygons, records: list[_Record],
                         order: int) -> list[_Record]:
    by_key: dict[str, list[_Record]] = {}
    for record in records:
        for key in record.keys:
            by_key.setdefault(key, []).append(record)
    out: list[_Record] = []
    seen: set[str] = set()
    for feature, country in polygons.gov_features:
        props = feature["properties"]
        hasc = props.get("code_hasc") or ""
        if hasc not in GOVERNORATES or hasc in seen:
            continue
        seen.add(hasc)
        label, capital = GOVERNORATES[hasc]
        bases = [label, props.get("name") or "", *(props.get("name_alt") or "").split("|"),
                 *PRESS_SPELLINGS.get(hasc, ())]
        if capital:
            for record in by_key.get(normalize(capital), []):
                if record.kind == "city" and record.curated:
                    bases.extend(record.own_names)
        bases = [b for b in dict.fromkeys(b.strip() for b in bases) if b and _good_latin(b)]
        names = [f"{label} Governorate"]
        for base in bases:
            names.extend((f"{base} province", f"{base} governorate"))
        # A governorate's own name alone ("Anbar", "Nineveh") is the region when no place is
        # called so; "Aleppo" stays the city.
        names.extend(b for b in bases if normalize(b) not in by_key and b != capital)
        names = list(dict.fromkeys(names))
        # The point of a governorate: Natural Earth's label point where the file has one (the
        # Syrian outlines: placed inside by cartographers), else the area's centroid when the
        # outline holds it (all Iraqi ones do), else any interior point. A governorate is
        # scored by its outline, not its point; the point is its marker and, for ranking
        # namesakes, the centre its mentions pull towards.
        lat = props.get("latitude")
        lon = props.get("longitude")
        if lat is None or lon is None:
            from shapely.geometry import shape

            outline = shape(feature["geometry"])
            point = outline.centroid
            if not outline.contains(point):
                point = outline.representative_point()
            lat, lon = point.y, point.x
        record = _Record([], round(float(lat), 4), round(float(lon), 4), "region", 0, order,
                         country=country)
        order += 1
        record.add_names(names)
        record.admin1_label = label  # type: ignore[attr-defined]
        out.append(record)
    return out


def _fmt(value: float) -> str:
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _rows(records: list[_Record], located: list[tuple[str, str]],
          regions: list[_Record]) -> list[list[str]]:
    entries: list[tuple[_Record, str, str]] = []
    for record, (admin1, country) in zip(records, located, strict=True):
        # A mark off the outlines (an oil terminal at sea) belongs to the map that drew it.
        fallback = "IQ" if record.wpiq and not record.wp else "SY"
        entries.append((record, admin1, record.country or country or fallback))
    for region in regions:
        entries.append((region, region.admin1_label, region.country))  # type: ignore[attr-defined]

    def prominence(entry: tuple[_Record, str, str]) -> tuple[int, float, int, int]:
        record = entry[0]
        return (0 if record.curated else 1, -KIND_WEIGHT.get(record.kind, 0.3),
                -(record.population or 0), record.order)

    taken: set[str] = set()
    ids: dict[int, str] = {}
    for entry in sorted(entries, key=prominence):
        record, admin1, country = entry
        base = f"{country.lower()}-{_slug(record.names[0]) or 'place'}"
        pid = base
        if pid in taken and admin1:
            pid = f"{base}-{_slug(admin1)}"
        if pid in taken:
            pid = f"{base}-{round(record.lat * 100)}-{round(record.lon * 100)}"
        serial = 2
        while pid in taken:
            pid = f"{base}-{serial}"
            serial += 1
        taken.add(pid)
        ids[id(record)] = pid
    rows: list[list[str]] = []
    for record, admin1, country in entries:
        name = record.names[0]
        alts = sorted(set(record.names[1:]) - {name}, key=lambda n: (normalize(n), n))
        sources = [f"wp:{i}" for i in sorted(record.wp)]
        sources += [f"wpiq:{i}" for i in sorted(record.wpiq)]
        sources += [f"geonames:{g}" for g in sorted(record.geonames)]
        if record.curated:
            sources.append("curated")
        if record.kind == "region" and not record.wp and not record.wpiq and not record.curated:
            sources.append("naturalearth")
        rows.append([ids[id(record)], name, "|".join(alts), _fmt(record.lat), _fmt(record.lon),
                     record.kind, admin1, country,
                     str(record.population) if record.population else "", ";".join(sources)])
    rows.sort(key=lambda r: r[0])
    return [list(COLUMNS), *rows]


def _csv_text(rows: list[list[str]]) -> str:
    from geo.io import csv_text

    return csv_text(rows)


def english_word_list() -> list[str]:
    """Common English words (in both the web2 and GCIDE lists of the ``english-words`` package).

    Raises:
        GazetteerError: When the package is not installed.
    """
    try:
        from english_words import get_english_words_set
    except ImportError:
        raise GazetteerError("the build needs the 'english-words' package "
                             "(pip install english-words)") from None
    web2 = get_english_words_set(["web2"], lower=True, alpha=True)
    gcide = get_english_words_set(["gcide"], lower=True, alpha=True)
    return sorted(web2 & gcide)


def write_build(data_dir: Path, *, force: bool = False) -> BuildReport:
    """Build and write ``gazetteer.csv``, ``gazetteer_disagreements.csv`` and ``english_words.txt``.

    Raises:
        OutputExistsError: When ``gazetteer.csv`` exists and ``force`` is false.
    """
    from geo.io import atomic_write_text, check_writable

    target = data_dir / "gazetteer.csv"
    check_writable(target, force)
    text, dis_text, words_text, report = build(data_dir, english_words=english_word_list())
    atomic_write_text(target, text)
    atomic_write_text(data_dir / "gazetteer_disagreements.csv", dis_text)
    atomic_write_text(data_dir / "english_words.txt", words_text)
    return report
