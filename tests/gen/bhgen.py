#!/usr/bin/env python3
"""bhgen.py: deterministic synthetic Zalo exports for binhyen, with the
figures they must produce, computed by an independent reference model.

    python3 tests/gen/bhgen.py --out DIR [--seed 1] [--messages 3000]
        [--start 2024-01-01] [--months 6] [--bad 5] [--periods P,P,...]
        [--cutoff-day N] [--no-expected] [--min-thon-members 10]
    python3 tests/gen/bhgen.py --selftest

Standard library only.  See tests/gen/README.md.
"""
import argparse
import bisect
import gzip
import heapq
import io
import json
import lzma
import os
import random
import re
import shutil
import sys
import tarfile
import time
import unicodedata
import zipfile
from collections import Counter, defaultdict, deque
from datetime import date, datetime, timedelta
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

# ---------------------------------------------------------------- lexicon
# The default lexicon of metrics.md, in file order: (category, kind, keyword).
DEFAULT_LEXICON = [
    ("trom_cap", "tip", "trộm"), ("trom_cap", "tip", "mất trộm"),
    ("trom_cap", "tip", "mất cắp"), ("trom_cap", "tip", "cướp"),
    ("trom_cap", "tip", "móc túi"),
    ("lua_dao", "tip", "lừa đảo"), ("lua_dao", "tip", "giả danh"),
    ("lua_dao", "tip", "mạo danh"), ("lua_dao", "tip", "chiếm đoạt"),
    ("ma_tuy", "tip", "ma túy"), ("ma_tuy", "tip", "ma tuý"),
    ("ma_tuy", "tip", "hút chích"), ("ma_tuy", "tip", "thuốc lắc"),
    ("chay_no", "tip", "cháy"), ("chay_no", "tip", "hỏa hoạn"),
    ("chay_no", "tip", "hoả hoạn"), ("chay_no", "tip", "chập điện"),
    ("chay_no", "tip", "nổ"),
    ("giao_thong", "tip", "tai nạn"), ("giao_thong", "tip", "va chạm"),
    ("giao_thong", "tip", "đua xe"), ("giao_thong", "tip", "lạng lách"),
    ("gay_roi", "tip", "đánh nhau"), ("gay_roi", "tip", "gây rối"),
    ("gay_roi", "tip", "hỗn chiến"), ("gay_roi", "tip", "mất trật tự"),
    ("nghi_van", "tip", "người lạ"), ("nghi_van", "tip", "đối tượng lạ"),
    ("nghi_van", "tip", "khả nghi"),
    ("moi_truong", "tip", "rác thải"), ("moi_truong", "tip", "ô nhiễm"),
    ("moi_truong", "tip", "xả thải"),
    ("thu_tuc", "question", "căn cước"), ("thu_tuc", "question", "cccd"),
    ("thu_tuc", "question", "hộ chiếu"), ("thu_tuc", "question", "tạm trú"),
    ("thu_tuc", "question", "tạm vắng"), ("thu_tuc", "question", "vneid"),
    ("thu_tuc", "question", "định danh"), ("thu_tuc", "question", "cư trú"),
    ("khac", "tip", "#phananh"), ("khac", "tip", "#tinbao"),
    ("", "ignore", "trộm vía"), ("", "ignore", "cháy hàng"),
    ("", "ignore", "cháy túi"), ("", "ignore", "nổ lực"),
]

_NONWORD = re.compile(r"[\W_]+")


def norm_text(s):
    """NFC, lower case, every run of non-letter/digit characters -> one space."""
    s = unicodedata.normalize("NFC", s).lower()
    return _NONWORD.sub(" ", s).strip()


def strip_marks(s):
    """Remove diacritics: NFD, drop combining marks, d-stroke -> d."""
    d = unicodedata.normalize("NFD", s)
    d = "".join(c for c in d if not unicodedata.combining(c))
    d = d.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", d)


def has_diacritics(s):
    return strip_marks(s) != unicodedata.normalize("NFC", s)


class Lexicon:
    def __init__(self, entries=DEFAULT_LEXICON):
        self.entries = list(entries)
        self.ignore = []
        self.ignore_s = []
        self.kw = []
        self.kw_s = []
        self.cats = []
        for cat, kind, kw in self.entries:
            n = norm_text(kw)
            s = strip_marks(n)
            if kind == "ignore":
                self.ignore.append(" %s " % n)
                self.ignore_s.append(" %s " % s)
                continue
            if (cat, kind) not in self.cats:
                self.cats.append((cat, kind))
            self.kw.append((cat, kind, " %s " % n))
            # stripped matching leaves out one-syllable keywords with diacritics
            if not (" " not in n and s != n):
                self.kw_s.append((cat, kind, " %s " % s))
        self.cat_order = {}
        for i, (c, k) in enumerate(self.cats):
            self.cat_order.setdefault(c, i)
        self.cache = {}

    def classify(self, text):
        """(category, kind) of the first keyword that matches, or None."""
        r = self.cache.get(text, 0)
        if r != 0:
            return r
        r = None
        t = norm_text(text) if text else ""
        if t:
            plain = not has_diacritics(t)
            p = " %s " % t
            for ig in (self.ignore_s if plain else self.ignore):
                while ig in p:
                    p = p.replace(ig, " ")
            for cat, kind, kw in (self.kw_s if plain else self.kw):
                if kw in p:
                    r = (cat, kind)
                    break
        if len(self.cache) < 2000000:
            self.cache[text] = r
        return r


# ------------------------------------------------------------------- time
TZ_MS = 7 * 3600 * 1000
DAY_MS = 86400 * 1000
EPOCH = date(1970, 1, 1)


def day_of(ms):
    return (ms + TZ_MS) // DAY_MS


def date_of_day(d):
    return EPOCH + timedelta(days=d)


def day_index(dt):
    return (dt - EPOCH).days


def day_start_ms(d):
    return d * DAY_MS - TZ_MS


def iso_ts(ms):
    s = (ms + TZ_MS) // 1000
    dt = datetime(1970, 1, 1) + timedelta(seconds=s)
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + "+07:00"


def add_months(y, m, k):
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def month_last_day(y, m):
    ny, nm = add_months(y, m, 1)
    return date(ny, nm, 1) - timedelta(days=1)


def minus_year(d):
    try:
        return d.replace(year=d.year - 1)
    except ValueError:      # 29 February
        return date(d.year - 1, 2, 28)


class Period:
    """A period of metrics.md: named (month, quarter, half, year) or explicit."""
    RX = [
        (re.compile(r"^(\d{4})-(\d{2})$"), "month"),
        (re.compile(r"^(\d{4})-[Qq]([1-4])$"), "quarter"),
        (re.compile(r"^(\d{4})-[Hh]([12])$"), "half"),
        (re.compile(r"^(\d{4})$"), "year"),
    ]

    def __init__(self, kind, a, b=None, cutoff=None, label=None):
        self.kind, self.a, self.b, self.cutoff = kind, a, b, cutoff
        if kind == "range":
            self.d0, self.d1 = a, b
        else:
            y = a
            if kind == "month":
                fm, lm = (y, b), (y, b)
            elif kind == "quarter":
                fm, lm = (y, 3 * b - 2), (y, 3 * b)
            elif kind == "half":
                fm, lm = (y, 6 * b - 5), (y, 6 * b)
            else:
                fm, lm = (y, 1), (y, 12)
            if cutoff:
                py, pm = add_months(fm[0], fm[1], -1)
                self.d0 = date(py, pm, cutoff)
                self.d1 = date(lm[0], lm[1], cutoff - 1)
            else:
                self.d0 = date(fm[0], fm[1], 1)
                self.d1 = month_last_day(*lm)
        self.label = label or self.name()

    def name(self):
        k = self.kind
        if k == "month":
            return "%04d-%02d" % (self.a, self.b)
        if k == "quarter":
            return "%04d-Q%d" % (self.a, self.b)
        if k == "half":
            return "%04d-H%d" % (self.a, self.b)
        if k == "year":
            return "%04d" % self.a
        return "%s..%s" % (self.d0.isoformat(), self.d1.isoformat())

    @classmethod
    def parse(cls, s, cutoff=None):
        s = s.strip()
        m = re.match(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$", s)
        if m:
            d0 = date.fromisoformat(m.group(1))
            d1 = date.fromisoformat(m.group(2))
            if d1 < d0:
                raise ValueError("period %s ends before it starts" % s)
            return cls("range", d0, d1, label=s)
        for rx, kind in cls.RX:
            m = rx.match(s)
            if m:
                y = int(m.group(1))
                b = int(m.group(2)) if kind != "year" else None
                if kind == "month" and not 1 <= b <= 12:
                    break
                p = cls(kind, y, b, cutoff)
                p.label = p.name() + ("_c%d" % cutoff if cutoff else "")
                return p
        raise ValueError("not a period: %r" % s)

    def prev(self):
        k = self.kind
        if k == "range":
            n = (self.d1 - self.d0).days + 1
            return Period("range", self.d0 - timedelta(days=n),
                          self.d0 - timedelta(days=1))
        if k == "year":
            return Period(k, self.a - 1, None, self.cutoff)
        per = {"month": 12, "quarter": 4, "half": 2}[k]
        i = self.a * per + self.b - 1 - 1
        return Period(k, i // per, i % per + 1, self.cutoff)

    def last_year(self):
        if self.kind == "range":
            return Period("range", minus_year(self.d0), minus_year(self.d1))
        return Period(self.kind, self.a - 1, self.b, self.cutoff)

    def ms_range(self):
        return (day_start_ms(day_index(self.d0)),
                day_start_ms(day_index(self.d1) + 1))


# ---------------------------------------------------------------- figures
def tenths_min(ms):
    """response_min in tenths of a minute: floor((ms + 3000) / 6000)."""
    return (ms + 3000) // 6000


def fmt_tenths(t):
    if t is None:
        return ""
    return "%d.%d" % (t // 10, t % 10)


def pct_tenths(a, b):
    """100*a/b in tenths, rounded half up, or None when b is 0."""
    if not b:
        return None
    return (2000 * a + b) // (2 * b)


def percentile_tenths(vals, p):
    """Linear interpolation between closest ranks over sorted tenths values
    (position p*(n-1), 0-based), rounded half up to a tenth; None if empty."""
    if not vals:
        return None
    v = sorted(vals)
    pos = Fraction(p) * (len(v) - 1)
    i = pos.numerator // pos.denominator
    f = pos - i
    x = Fraction(v[i])
    if f:
        x += (v[i + 1] - v[i]) * f
    return (x + Fraction(1, 2)).__floor__()


def csv_field(v):
    if v is None:
        return ""
    s = str(v)
    if any(c in s for c in ',"\r\n'):
        s = '"' + s.replace('"', '""') + '"'
    return s


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\ufeff")
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(csv_field(x) for x in r) + "\n")


# ================================================================ reference
# The reference model: reads archives / files the way formats.md describes,
# deduplicates and merges, then applies metrics.md.  Independent of the
# generator: it sees only bytes on disk and the roster CSV.

ROLE_ALIASES = {
    "officer": "officer", "công an": "officer", "công an viên": "officer",
    "staff": "staff", "cán bộ": "staff", "trưởng thôn": "staff",
    "đoàn thể": "staff", "resident": "resident", "người dân": "resident",
}
COL_ALIASES = {
    "uid": "uid", "zalo_id": "uid", "name": "name", "ho_ten": "name",
    "họ tên": "name", "phone": "phone", "sdt": "phone", "sđt": "phone",
    "điện thoại": "phone", "số điện thoại": "phone", "thon": "thon",
    "thôn": "thon", "xom": "thon", "xóm": "thon", "to_dan_pho": "thon",
    "role": "role", "vai_tro": "role", "vai trò": "role",
}


def fold_name(s):
    """NFC, case folded, spaces collapsed (roster name matching)."""
    return " ".join(unicodedata.normalize("NFC", s).casefold().split())


def read_roster(path):
    import csv
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8-sig")
    first = text.split("\n", 1)[0]
    delim = ";" if first.count(";") > first.count(",") else ","
    rd = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    header = [COL_ALIASES[fold_name(h)] for h in next(rd)]
    rows = []
    for rec in rd:
        if not rec or all(not x.strip() for x in rec):
            continue
        d = dict(zip(header, (x.strip() for x in rec)))
        role = ROLE_ALIASES[fold_name(d.get("role", ""))]
        rows.append({"uid": d.get("uid", "") or "", "name": d.get("name", ""),
                     "thon": d.get("thon", "") or "", "role": role,
                     "idx": len(rows)})
    return rows


def idstr(v):
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        v = v.strip()
        return v or None
    return None


def to_ms(v):
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, str) and v.strip().isdigit():
        return int(v.strip())
    return None


def caption_of(o):
    if not isinstance(o, dict):
        return ""
    parts = [o.get("title") or "", o.get("description") or ""]
    parts = [p for p in parts if isinstance(p, str) and p]
    return " ".join(parts)


PC_TYPES = {2: "photo", 3: "voice", 4: "sticker", 7: "gif", 17: "location",
            18: "video", 19: "file", 20: "recalled", 26: "poll"}
WEB_TYPES = {"chat.photo": "photo", "chat.video.msg": "video",
             "chat.voice": "voice", "chat.sticker": "sticker",
             "share.file": "file", "chat.link": "link", "chat.gif": "gif",
             "chat.location.new": "location", "group.poll": "poll"}
TYPE_ORDER = ["text", "photo", "video", "voice", "file", "sticker", "gif",
              "link", "contact", "location", "poll", "recalled", "other"]

# message fields
M_TS, M_GID, M_MID, M_CLI, M_SND, M_DN, M_TYPE, M_TEXT, M_REC, M_Q, M_MEN = range(11)


class Ref:
    def __init__(self, lex=None):
        self.lex = lex or Lexicon()
        self.msgs = {}
        self.undo = set()
        self.react_latest = {}      # (gid, target, reactor) -> (ts, icon)
        self.react_adds = set()     # (gid, target, reactor, ts)
        self.phone = []             # reactions by cliMsgId (gMsgID 0): (gid, cli, reactor, ts, icon)
        self.events = set()         # (gid, member, act, time)
        self.gnames = {}
        self.records = self.rejected = self.private = self.other = 0
        self.rejects = []
        self._in = {}

    def _i(self, s):
        r = self._in.get(s)
        if r is None:
            self._in[s] = r = s
        return r

    # ---- reading
    def read_path(self, path, owner=None):
        name = os.path.basename(path)
        low = name.lower()
        if low.endswith(".zip"):
            with zipfile.ZipFile(path) as zf:
                self._read_zip(zf, name)
        elif re.search(r"\.(tar|tar\.gz|tgz|tar\.xz|txz|tar\.bz2)$", low):
            with tarfile.open(path, "r|*") as tf:
                self._read_tar(tf, name)
        else:
            with open(path, "rb") as f:
                self._read_entry(name, f.read(), owner, name)

    def _dispatch(self, ename, data, where):
        low = ename.lower()
        if low.endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                self._read_zip(zf, where + "/" + ename)
        elif re.search(r"\.(tar|tar\.gz|tgz|tar\.xz|txz)$", low):
            with tarfile.open(fileobj=io.BytesIO(data), mode="r|*") as tf:
                self._read_tar(tf, where + "/" + ename)
        elif re.search(r"\.(zdb|json|ndjson|jsonl)$", low):
            self._read_entry(ename, data, None, where)

    BIG = 64 << 20

    def _read_zip(self, zf, where):
        for info in zf.infolist():
            if info.is_dir():
                continue
            n = info.filename
            if re.search(r"\.(zdb|json|ndjson|jsonl)$", n.lower()) and info.file_size >= self.BIG:
                with zf.open(info) as f:
                    self._read_entry(n, f, None, where)
            elif re.search(r"\.(zdb|json|ndjson|jsonl|zip|tar|tgz|gz|xz)$", n.lower()):
                self._dispatch(n, zf.read(info), where)

    def _read_tar(self, tf, where):
        for mem in tf:
            if not mem.isfile():
                continue
            n = mem.name
            if re.search(r"\.(zdb|json|ndjson|jsonl)$", n.lower()) and mem.size >= self.BIG:
                self._read_entry(n, tf.extractfile(mem), None, where)
            elif re.search(r"\.(zdb|json|ndjson|jsonl|zip|tar|tgz|gz|xz)$", n.lower()):
                self._dispatch(n, tf.extractfile(mem).read(), where)

    def _read_entry(self, ename, data, owner, where):
        if owner is None:
            m = re.search(r"(?:^|/)(\d+)/ZaloDownloads/", ename)
            if not m:
                m = re.search(r"(?:^|/)(\d+)_z\w+\.zdb$", ename)
            owner = m.group(1) if m else None
        objs = None
        if isinstance(data, bytes) and len(data) < self.BIG:
            try:
                v = json.loads(data)
                objs = v if isinstance(v, list) else [v]
            except ValueError:
                objs = None
        if objs is not None:
            for o in objs:
                for row, wrap in self._rows(o):
                    self.records += 1
                    self._record(row, owner, where, ename, wrap=wrap)
            return
        lines = data.split(b"\n") if isinstance(data, bytes) else data
        for ln, line in enumerate(lines, 1):
            s = line.strip()
            if not s or s in (b"[", b"]", b"]}", b'{"groupMsgs":['):
                continue
            if s.endswith(b","):
                s = s[:-1]
            try:
                o = json.loads(s)
            except ValueError:
                self.records += 1
                self._reject(where, ename, ln, "invalid JSON")
                continue
            for row, wrap in self._rows(o):
                self.records += 1
                self._record(row, owner, where, ename, ln, wrap)

    def _reject(self, where, ename, ln, why):
        self.rejected += 1
        self.rejects.append("%s: %s:%s: %s" % (where, ename, ln, why))

    WRAPS = {"groupMsgs": "group", "msgs": "private", "pageMsgs": "private"}

    def _rows(self, o):
        """The records of one top-level value (formats.md §2): the rows of a
        Web API response or of its data alone, in their order, each with the
        array it came in; anything else is one record."""
        if isinstance(o, dict):
            d = o.get("data")
            for base in (o, d if isinstance(d, dict) else None):
                if base is not None and any(isinstance(base.get(k), list) for k in self.WRAPS):
                    return [(row, self.WRAPS[k]) for k, v in base.items()
                            if k in self.WRAPS and isinstance(v, list) for row in v]
        return [(o, None)]

    def _record(self, o, owner, where, ename, ln=0, wrap=None):
        if not isinstance(o, dict):
            return self._reject(where, ename, ln, "not an object")
        if wrap == "private":
            self.private += 1
            return
        mt = o.get("msgType")
        d = o.get("data")
        if "act" not in o and isinstance(d, dict) and any(k in o for k in ("type", "threadId", "isSelf", "isGroup")):
            # a zca-js listener object
            t, grp = o.get("type"), o.get("isGroup")
            if isinstance(t, str) and "groupId" in d:
                return self._event(dict(act=t, data=d), where, ename, ln)
            if (t == 0 and not isinstance(t, bool)) or grp is False:
                self.private += 1
                return
            return self._web(d, where, ename, ln)
        if "act" in o and isinstance(d, dict):
            return self._event(o, where, ename, ln)
        if isinstance(mt, str) or "uidFrom" in o or "idTo" in o:
            return self._web(o, where, ename, ln)
        if "toUid" in o or "fromUid" in o:
            return self._pc(o, owner, where, ename, ln)
        if "userId" in o:
            uid = idstr(o.get("userId"))
            if uid and uid.startswith("g"):
                if isinstance(o.get("name"), str):
                    self.gnames[uid[1:]] = o["name"]
            else:
                self.private += 1       # a private 1:1 conversation: never stored
            return
        return self._reject(where, ename, ln, "unknown record")

    def _add(self, gid, mid, cli, snd, dn, ts, typ, text, rec, q, men):
        gid = self._i(gid)
        snd = self._i(snd)
        key = (gid, mid) if mid else (gid, "c", snd, cli)
        cur = self.msgs.get(key)
        if cur is None:
            self.msgs[key] = [ts, gid, mid, cli, snd, self._i(dn or ""), typ,
                              text or "", rec, q, men]
            return
        if not cur[M_TEXT] and text:
            cur[M_TEXT] = text
        if rec:
            cur[M_REC] = True
        if cur[M_TYPE] == "recalled" and typ != "recalled":
            cur[M_TYPE] = typ
        if cur[M_Q] is None and q is not None:
            cur[M_Q] = q
        if not cur[M_MEN] and men:
            cur[M_MEN] = men

    @staticmethod
    def _quote(q, owner):
        if not isinstance(q, dict):
            return None
        qm = idstr(q.get("globalMsgId"))
        qc = idstr(q.get("cliMsgId"))
        if qm == "0":
            qm = None
        if qc == "0":
            qc = None
        if qm is None and qc is None:
            return None
        return (qm, qc)

    @staticmethod
    def _mentions(ms):
        if not isinstance(ms, list):
            return None
        out = []
        for x in ms:
            if isinstance(x, dict):
                u = idstr(x.get("uid"))
                t = x.get("type")
                if u is not None and isinstance(t, int):
                    out.append((u, t))
        return tuple(out) or None

    def _pc(self, o, owner, where, ename, ln):
        to = idstr(o.get("toUid"))
        if to is None:
            return self._reject(where, ename, ln, "no toUid")
        if not to.startswith("g"):
            self.private += 1
            return
        mt = o.get("msgType")
        if isinstance(mt, str) and mt.lstrip("-").isdigit():
            mt = int(mt)
        if mt in (-1909, -27, -4):
            self.other += 1
            return
        ts = to_ms(o.get("serverTime"))
        if ts is None:
            ts = to_ms(o.get("sendDttm"))
        if ts is None:
            return self._reject(where, ename, ln, "no time")
        snd = idstr(o.get("fromUid"))
        if snd is None:
            return self._reject(where, ename, ln, "no sender")
        if snd == "0" and owner:
            snd = owner
        mid = idstr(o.get("msgId"))
        cli = idstr(o.get("cliMsgId"))
        msg = o.get("message")
        text = ""
        if mt == 1:
            typ = "text"
            if isinstance(msg, str):
                text = msg
            elif isinstance(msg, dict):
                text = msg.get("title") or ""
        elif mt == 6:
            act = msg.get("action") if isinstance(msg, dict) else None
            typ = "contact" if act == "recommened.user" else "link"
        else:
            typ = PC_TYPES.get(mt, "other")
            if typ in ("photo", "video"):
                text = caption_of(msg)
        q = o.get("quote")
        qq = self._quote(q, owner)
        self._add(to[1:], mid, cli, snd, o.get("dName"), ts, typ, text,
                  typ == "recalled", qq, self._mentions(o.get("mentions")))

    def _web(self, o, where, ename, ln):
        gid = idstr(o.get("idTo"))
        if gid == "0" or o.get("cmd") == 501:
            self.private += 1       # a 1:1 chat: never stored
            return
        if gid is None:
            return self._reject(where, ename, ln, "no idTo")
        ts = to_ms(o.get("ts"))
        if ts is None:
            return self._reject(where, ename, ln, "no time")
        snd = idstr(o.get("uidFrom"))
        if snd is None:
            return self._reject(where, ename, ln, "no sender")
        mt = o.get("msgType")
        c = o.get("content")
        if mt in ("chat.reaction", "chat.undo") and isinstance(c, str):
            try:
                c = json.loads(c)       # content kept as the JSON string received
            except ValueError:
                pass
        if mt == "chat.reaction":
            if not isinstance(c, dict) or not isinstance(c.get("rMsg"), list):
                return self._reject(where, ename, ln, "bad reaction")
            icon = c.get("rIcon") or ""
            for r in c["rMsg"]:
                if not isinstance(r, dict):
                    continue
                tgt = idstr(r.get("gMsgID"))
                if tgt in (None, "0"):
                    cli = idstr(r.get("cMsgID"))
                    if cli not in (None, "0"):
                        self.phone.append((gid, cli, snd, ts, icon))
                    continue
                self._react(gid, tgt, snd, ts, icon)
            return
        if mt == "chat.undo":
            if isinstance(c, dict):
                t = idstr(c.get("globalMsgId"))
                if t:
                    self.undo.add((gid, t))
            return
        return self._web_msg(o, gid, snd, ts, mt, c)

    def _react(self, gid, tgt, snd, ts, icon):
        """A reaction's state: the latest (by time) of (group, target, reactor) stands."""
        k = (gid, tgt, snd)
        cur = self.react_latest.get(k)
        if cur is None or ts > cur[0]:
            self.react_latest[k] = (ts, icon)
        if icon:
            self.react_adds.add((gid, tgt, snd, ts))

    def _resolve_phone(self):
        """Reactions from the phone (gMsgID 0) count on the stored message of
        their group whose cliMsgId they name (one with a msgId), wherever it
        came from; the others wait, counted nowhere."""
        if not self.phone:
            return
        by_cli = {}
        for m in self.msgs.values():
            if m[M_MID] and m[M_CLI]:
                by_cli.setdefault((m[M_GID], m[M_CLI]), m[M_MID])
        left = []
        for gid, cli, snd, ts, icon in self.phone:
            tgt = by_cli.get((gid, cli))
            if tgt is None:
                left.append((gid, cli, snd, ts, icon))
            else:
                self._react(gid, tgt, snd, ts, icon)
        self.phone = left

    def _web_msg(self, o, gid, snd, ts, mt, c):
        text = ""
        if mt == "webchat":
            typ = "text"
            if isinstance(c, str):
                text = c
            elif isinstance(c, dict):
                text = c.get("title") or ""
        elif mt == "chat.recommended":
            act = c.get("action") if isinstance(c, dict) else None
            typ = "contact" if act == "recommened.user" else "link"
        else:
            typ = WEB_TYPES.get(mt, "other")
            if typ in ("photo", "video"):
                text = caption_of(c)
        self._add(gid, idstr(o.get("msgId")), idstr(o.get("cliMsgId")), snd,
                  o.get("dName"), ts, typ, text, False,
                  self._quote(o.get("quote"), None),
                  self._mentions(o.get("mentions")))

    def _event(self, o, where, ename, ln):
        d = o["data"]
        gid = idstr(d.get("groupId"))
        t = to_ms(d.get("time"))
        act = o.get("act")
        if gid is None or t is None or not isinstance(act, str):
            return self._reject(where, ename, ln, "bad event")
        if act not in ("join", "leave", "remove_member"):
            self.other += 1
            return
        for mem in d.get("updateMembers") or []:
            if isinstance(mem, dict) and idstr(mem.get("id")):
                self.events.add((gid, idstr(mem["id"]), act, t))

    # ---- analysis over all stored data
    def analyse(self, roster, responders=("officer",), min_thon=10):
        self.min_thon = min_thon
        self._resolve_phone()
        for gid, t in self.undo:
            m = self.msgs.get((gid, t))
            if m is not None:
                m[M_REC] = True
        msgs = list(self.msgs.values())
        for m in msgs:
            if m[M_REC]:
                m[M_TYPE] = "recalled"
        msgs.sort(key=lambda m: (m[M_TS], m[M_GID], m[M_MID] or ""))
        self.sorted = msgs
        self.ts = [m[M_TS] for m in msgs]

        # roster and sender matching
        self.roster = roster
        by_uid = {r["uid"]: r for r in roster if r["uid"]}
        byname = defaultdict(list)
        for r in roster:
            if not r["uid"]:
                byname[fold_name(r["name"])].append(r)
        names = defaultdict(set)
        for m in msgs:
            names[m[M_SND]].add(m[M_DN])
        self.sinfo = {}
        self.unmatched = {}
        for uid in sorted(names):
            row = by_uid.get(uid)
            if row is None:
                hits = set()
                for n in names[uid]:
                    rs = byname.get(fold_name(n))
                    if rs and len(rs) == 1:
                        hits.add(rs[0]["idx"])
                if len(hits) == 1:
                    row = roster[hits.pop()]
            if row is None:
                self.sinfo[uid] = ("unmatched", "", None)
            else:
                self.sinfo[uid] = (row["role"], row["thon"], row["idx"])
        self.responders = set(responders)
        resp = {u for u, i in self.sinfo.items() if i[0] in self.responders}
        self.resp_uids = resp
        thons = sorted({r["thon"] for r in roster if r["thon"]})
        self.thons = thons
        self.members = Counter(r["thon"] for r in roster
                               if r["role"] == "resident" and r["thon"])
        self.resident_rows = {r["idx"] for r in roster if r["role"] == "resident"}

        # tips and questions: bursts per (group, sender)
        seqs = defaultdict(list)
        for m in msgs:
            if m[M_SND] not in resp:
                seqs[(m[M_GID], m[M_SND])].append(m)
        tips = []
        in_burst = {}
        for (gid, snd), seq in seqs.items():
            cur = None
            last = None
            for m in seq:
                if cur is not None and m[M_TS] - last <= 600000:
                    cur["burst"].append(m)
                    last = m[M_TS]
                    continue
                cur = None
                if m[M_REC]:
                    continue
                c = self.lex.classify(m[M_TEXT]) if m[M_TEXT] else None
                if c is None:
                    continue
                cur = {"gid": gid, "snd": snd, "ts": m[M_TS], "id": m[M_MID],
                       "cat": c[0], "kind": c[1], "burst": [m],
                       "resp": None, "ack": None}
                last = m[M_TS]
                tips.append(cur)
        tips.sort(key=lambda t: (t["ts"], t["id"] or ""))
        starts = defaultdict(list)
        for t in tips:
            for m in t["burst"]:
                if m[M_MID]:
                    in_burst[(t["gid"], "m", m[M_MID])] = t
                if m[M_CLI]:
                    in_burst[(t["gid"], "c", m[M_CLI])] = t
            starts[(t["gid"], t["snd"])].append(t)
        start_ts = {k: [t["ts"] for t in v] for k, v in starts.items()}
        for m in msgs:
            if m[M_SND] not in resp:
                continue
            gid, ts = m[M_GID], m[M_TS]
            q = m[M_Q]
            if q is not None:
                seen = []
                if q[0]:
                    seen.append(in_burst.get((gid, "m", q[0])))
                if q[1]:
                    seen.append(in_burst.get((gid, "c", q[1])))
                for t in seen:
                    if t is not None and t["resp"] is None and ts >= t["ts"]:
                        t["resp"] = ts
            for u, ty in m[M_MEN] or ():
                if ty != 0:
                    continue
                k = (gid, u)
                lst = start_ts.get(k)
                if not lst:
                    continue
                i = bisect.bisect_right(lst, ts) - 1
                if i >= 0:
                    t = starts[k][i]
                    if t["resp"] is None:
                        t["resp"] = ts
        for gid, tgt, who, ts in self.react_adds:
            if who not in resp:
                continue
            t = in_burst.get((gid, "m", tgt))
            if t is not None and ts >= t["ts"] and (t["ack"] is None or ts < t["ack"]):
                t["ack"] = ts
        self.tips = tips
        self.tip_ts = [t["ts"] for t in tips]
        nb = {}
        for t in tips:
            if t["snd"] not in nb:
                nb[t["snd"]] = "NB-%04d" % (len(nb) + 1)
            t["nb"] = nb[t["snd"]]

        # officer posts and their 72 h reach
        posts = []
        pmid, pcli = {}, {}
        for m in msgs:
            if m[M_SND] not in resp or m[M_Q] is not None:
                continue
            if any(ty == 0 for u, ty in (m[M_MEN] or ())):
                continue
            c = self.lex.classify(m[M_TEXT]) if m[M_TEXT] else None
            p = {"m": m, "topic": c[0] if c else "thong_bao", "reactors": set(),
                 "replies": 0, "engaged": set()}
            posts.append(p)
            if m[M_MID]:
                pmid[(m[M_GID], m[M_MID])] = p
            if m[M_CLI]:
                pcli[(m[M_GID], m[M_CLI])] = p
        W = 72 * 3600 * 1000
        for m in msgs:
            q = m[M_Q]
            if q is None:
                continue
            p = (pmid.get((m[M_GID], q[0])) if q[0] else None) or \
                (pcli.get((m[M_GID], q[1])) if q[1] else None)
            if p is None:
                continue
            d = m[M_TS] - p["m"][M_TS]
            if 0 <= d <= W:
                p["replies"] += 1
                if m[M_SND] not in resp:
                    p["engaged"].add(m[M_SND])
        for (gid, tgt, who), (ts, icon) in self.react_latest.items():
            p = pmid.get((gid, tgt))
            if p is None or not icon:
                continue
            d = ts - p["m"][M_TS]
            if 0 <= d <= W:
                p["reactors"].add(who)
                if who not in resp:
                    p["engaged"].add(who)
        self.posts = posts
        self.post_ts = [p["m"][M_TS] for p in posts]
        self.event_groups = {e[0] for e in self.events}
        self.events_sorted = sorted(self.events, key=lambda e: (e[3], e[0], e[1], e[2]))
        self.event_ts = [e[3] for e in self.events_sorted]

    # ---- ingest figures
    def ingest_rows(self, rejected_expected=None):
        self._resolve_phone()
        types = Counter(m[M_TYPE] for m in self.sorted)
        rows = [("messages", len(self.sorted))]
        for t in TYPE_ORDER:
            if types[t]:
                rows.append(("messages_" + t, types[t]))
        rows.append(("groups", len({m[M_GID] for m in self.sorted})))
        rows.append(("reactions", sum(1 for v in self.react_latest.values() if v[1])))
        rows.append(("member_events", len(self.events)))
        rows.append(("private_skipped", self.private))
        rows.append(("rejected", self.rejected))
        rows.append(("records", self.records))
        return rows

    # ---- one period
    def figures(self, P):
        lo, hi = P.ms_range()
        i0 = bisect.bisect_left(self.ts, lo)
        i1 = bisect.bisect_left(self.ts, hi)
        sl = self.sorted[i0:i1]
        si = self.sinfo
        F = {"n": len(sl)}
        groups = set()
        senders = set()
        types = Counter()
        active_rows = set()
        thon_msgs = Counter()
        heat = Counter()
        wk_msgs = Counter()
        wk_off = Counter()
        wk_res = Counter()
        wk_act = defaultdict(set)
        res_rows = self.resident_rows
        for m in sl:
            groups.add(m[M_GID])
            snd = m[M_SND]
            senders.add(snd)
            types[m[M_TYPE]] += 1
            role, thon, row = si[snd]
            if thon:
                thon_msgs[thon] += 1
            lt = m[M_TS] + TZ_MS
            d = lt // DAY_MS
            wd = (d + 3) % 7          # 0 = Monday
            heat[(wd + 1, (lt % DAY_MS) // 3600000)] += 1
            wk = d - wd
            wk_msgs[wk] += 1
            if role == "officer":
                wk_off[wk] += 1
            elif role == "resident":
                wk_res[wk] += 1
            if row is not None and row in res_rows:
                active_rows.add(row)
                wk_act[wk].add(row)
        F.update(groups=groups, senders=senders, types=types, heat=heat)
        act_thon = Counter(self.roster[r]["thon"] for r in active_rows
                           if self.roster[r]["thon"])
        F["thon_part"] = {}
        for th in self.thons:
            F["thon_part"][th] = pct_tenths(act_thon[th], self.members[th])
        members = sum(self.members[t] for t in self.thons)
        active = sum(act_thon[t] for t in self.thons)
        # tips in the period
        j0 = bisect.bisect_left(self.tip_ts, lo)
        j1 = bisect.bisect_left(self.tip_ts, hi)
        ptips = self.tips[j0:j1]
        tips = [t for t in ptips if t["kind"] == "tip"]
        qs = [t for t in ptips if t["kind"] == "question"]

        def rt(t):
            return None if t["resp"] is None else t["resp"] - t["ts"]

        def resp_figs(lst):
            ans = [t for t in lst if t["resp"] is not None]
            vals = [tenths_min(rt(t)) for t in ans]
            return ans, vals
        ans, vals = resp_figs(tips)
        qans, qvals = resp_figs(qs)
        acks = [tenths_min(t["ack"] - t["ts"]) for t in tips if t["ack"] is not None]
        k0 = bisect.bisect_left(self.post_ts, lo)
        k1 = bisect.bisect_left(self.post_ts, hi)
        posts = self.posts[k0:k1]
        e0 = bisect.bisect_left(self.event_ts, lo)
        e1 = bisect.bisect_left(self.event_ts, hi)
        evs = self.events_sorted[e0:e1]
        if groups & self.event_groups:
            joins = sum(1 for e in evs if e[2] == "join")
            leaves = len(evs) - joins
        else:
            joins = leaves = None

        def within(lim, a=ans, n=tips):
            return pct_tenths(sum(1 for t in a if rt(t) <= lim), len(n))
        S = [
            ("period_start", P.d0.isoformat()), ("period_end", P.d1.isoformat()),
            ("groups", len(groups)), ("messages", len(sl)),
            ("senders", len(senders)), ("members", members),
            ("active_members", active),
            ("participation_pct", fmt_tenths(pct_tenths(active, members))),
            ("officer_posts", len(posts)),
            ("tips", len(tips)), ("tips_answered", len(ans)),
            ("tips_answered_pct", fmt_tenths(pct_tenths(len(ans), len(tips)))),
            ("tip_response_median_min", fmt_tenths(percentile_tenths(vals, Fraction(1, 2)))),
            ("tip_response_p90_min", fmt_tenths(percentile_tenths(vals, Fraction(9, 10)))),
            ("tips_within_15m_pct", fmt_tenths(within(15 * 60000))),
            ("tips_within_1h_pct", fmt_tenths(within(60 * 60000))),
            ("tips_within_24h_pct", fmt_tenths(within(24 * 3600000))),
            ("tips_acknowledged", len(acks)),
            ("tip_ack_median_min", fmt_tenths(percentile_tenths(acks, Fraction(1, 2)))),
            ("questions", len(qs)), ("questions_answered", len(qans)),
            ("questions_answered_pct", fmt_tenths(pct_tenths(len(qans), len(qs)))),
            ("question_response_median_min",
             fmt_tenths(percentile_tenths(qvals, Fraction(1, 2)))),
            # not in product.md's minimum list: the tip figures for questions
            ("question_response_p90_min", fmt_tenths(percentile_tenths(qvals, Fraction(9, 10)))),
            ("questions_within_15m_pct", fmt_tenths(within(15 * 60000, qans, qs))),
            ("questions_within_1h_pct", fmt_tenths(within(60 * 60000, qans, qs))),
            ("questions_within_24h_pct", fmt_tenths(within(24 * 3600000, qans, qs))),
            ("joins", joins), ("leaves", leaves),
        ]
        F["summary"] = S
        F.update(tips=tips, qs=qs, ptips=ptips, posts=posts, evs=evs,
                 thon_msgs=thon_msgs, act_thon=act_thon, wk=(wk_msgs, wk_off, wk_res, wk_act),
                 rt=rt)
        return F

    def write_period(self, outdir, P):
        F = self.figures(P)
        Fp = self.figures(P.prev())
        Fy = self.figures(P.last_year())
        rows = []
        for i, (k, v) in enumerate(F["summary"]):
            pv = Fp["summary"][i][1] if Fp["n"] else None
            yv = Fy["summary"][i][1] if Fy["n"] else None
            rows.append((k, v, pv, yv))
        write_csv(os.path.join(outdir, "summary.csv"),
                  ["metric", "value", "prev_value", "last_year_value"], rows)
        # groups over all stored data
        g = {}
        for m in self.sorted:
            r = g.get(m[M_GID])
            if r is None:
                g[m[M_GID]] = r = [m[M_TS], m[M_TS], 0, set()]
            r[1] = m[M_TS]
            r[2] += 1
            r[3].add(m[M_SND])
        write_csv(os.path.join(outdir, "groups.csv"),
                  ["group_id", "name", "first_message", "last_message", "messages", "senders"],
                  [(k, self.gnames.get(k, ""), iso_ts(v[0]), iso_ts(v[1]), v[2], len(v[3]))
                   for k, v in sorted(g.items())])
        # thon
        rt = F["rt"]
        trows = []
        for th in self.thons:
            mem = self.members[th]
            tt = [t for t in F["tips"] if self.sinfo[t["snd"]][1] == th]
            a = [tenths_min(rt(t)) for t in tt if t["resp"] is not None]
            withheld = mem < self.min_thon
            prevp = Fp["thon_part"][th] if Fp["n"] else None
            trows.append((th, mem, F["act_thon"][th], fmt_tenths(F["thon_part"][th]),
                          F["thon_msgs"][th],
                          None if withheld else len(tt),
                          None if withheld else len(a),
                          None if withheld else fmt_tenths(percentile_tenths(a, Fraction(1, 2))),
                          fmt_tenths(prevp)))
        write_csv(os.path.join(outdir, "thon.csv"),
                  ["thon", "members", "active_members", "participation_pct", "messages",
                   "tips", "tips_answered", "tip_response_median_min",
                   "prev_participation_pct"], trows)
        # weekly
        wk_msgs, wk_off, wk_res, wk_act = F["wk"]
        d0, d1 = day_index(P.d0), day_index(P.d1)
        w = d0 - (d0 + 3) % 7
        wrows = []
        while w <= d1:
            wrows.append((date_of_day(w).isoformat(), wk_msgs[w], wk_off[w], wk_res[w],
                          len(wk_act[w])))
            w += 7
        write_csv(os.path.join(outdir, "weekly.csv"),
                  ["week_start", "messages", "officer_messages", "resident_messages",
                   "active_members"], wrows)
        write_csv(os.path.join(outdir, "heatmap.csv"), ["weekday", "hour", "messages"],
                  [(wd, h, F["heat"][(wd, h)]) for wd in range(1, 8) for h in range(24)])
        write_csv(os.path.join(outdir, "message_types.csv"), ["type", "messages"],
                  [(t, F["types"][t]) for t in TYPE_ORDER if F["types"][t]])
        # categories
        co = self.lex.cat_order
        cats = {}
        for t in F["ptips"]:
            cats.setdefault((t["cat"], t["kind"]), []).append(t)
        crows = []
        for (c, k) in sorted(cats, key=lambda x: (co.get(x[0], 99), x[1])):
            lst = cats[(c, k)]
            a = [tenths_min(rt(t)) for t in lst if t["resp"] is not None]
            crows.append((c, k, len(lst), len(a),
                          fmt_tenths(percentile_tenths(a, Fraction(1, 2)))))
        write_csv(os.path.join(outdir, "tip_categories.csv"),
                  ["category", "kind", "tips", "tips_answered", "response_median_min"], crows)
        mon = Counter()
        for t in F["ptips"]:
            mon[(date_of_day(day_of(t["ts"])).strftime("%Y-%m"), t["cat"], t["kind"])] += 1
        write_csv(os.path.join(outdir, "tips_monthly.csv"), ["month", "category", "kind", "tips"],
                  [(a, b, c, n) for (a, b, c), n in
                   sorted(mon.items(), key=lambda x: (x[0][0], co.get(x[0][1], 99), x[0][2]))])
        # response buckets
        B = [("0-15m", 15 * 60000), ("15-60m", 60 * 60000), ("1-4h", 4 * 3600000),
             ("4-24h", 24 * 3600000), ("24h+", None)]
        brows = []
        for kind, lst in (("tip", F["tips"]), ("question", F["qs"])):
            cnt = Counter()
            for t in lst:
                r = rt(t)
                if r is None:
                    cnt["unanswered"] += 1
                    continue
                for name, lim in B:
                    if lim is None or r <= lim:
                        cnt[name] += 1
                        break
            for name, _ in B:
                brows.append((kind, name, cnt[name]))
            brows.append((kind, "unanswered", cnt["unanswered"]))
        write_csv(os.path.join(outdir, "response_buckets.csv"), ["kind", "bucket", "tips"], brows)
        write_csv(os.path.join(outdir, "officer_posts.csv"),
                  ["post_id", "ts", "topic", "reactions", "replies", "engaged_members"],
                  [(p["m"][M_MID], iso_ts(p["m"][M_TS]), p["topic"], len(p["reactors"]),
                    p["replies"], len(p["engaged"])) for p in F["posts"]])
        mem = defaultdict(lambda: [0, 0])
        for e in F["evs"]:
            mem[date_of_day(day_of(e[3])).isoformat()][0 if e[2] == "join" else 1] += 1
        write_csv(os.path.join(outdir, "membership.csv"), ["date", "joins", "leaves"],
                  [(k, v[0], v[1]) for k, v in sorted(mem.items())])
        irows = []
        for t in F["ptips"]:
            r = rt(t)
            irows.append((t["id"], t["gid"], iso_ts(t["ts"]), self.sinfo[t["snd"]][1], t["nb"],
                          t["cat"], t["kind"], 1 if r is not None else 0,
                          iso_ts(t["resp"]) if r is not None else None,
                          fmt_tenths(tenths_min(r)) if r is not None else None))
        write_csv(os.path.join(outdir, "internal_tips.csv"),
                  ["tip_id", "group_id", "ts", "thon", "tipster", "category", "kind",
                   "answered", "first_response_ts", "response_min"], irows)
        return F


# ================================================================ generator
THON = ["Thôn 1", "Thôn 2", "Xóm Đông", "Thôn Hạ", "Thôn Thượng", "Tổ dân phố 5"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ",
          "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương",
          "Cao", "Lương"]
MID_M = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Xuân", "Công", "Đình", "Thanh", "Ngọc"]
MID_F = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Hồng", "Mai", "Phương", "Bích", "Diệu"]
GIV_M = ["Anh", "Bách", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hải", "Hiếu",
         "Hòa", "Hùng", "Huy", "Khánh", "Long", "Lâm", "Minh", "Nam", "Phong",
         "Phúc", "Quân", "Sơn", "Tài", "Thắng", "Thành", "Toàn", "Trung",
         "Tuấn", "Tùng", "Việt", "Vinh"]
GIV_F = ["Anh", "Châu", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương",
         "Huyền", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân",
         "Nhung", "Oanh", "Phương", "Quyên", "Tâm", "Thảo", "Thủy", "Trang",
         "Tuyết", "Vân", "Xuân", "Yến"]

FILLER = [
    "Chào cả nhà ạ", "Dạ vâng ạ", "Em cảm ơn công an xã ạ", "Cảm ơn anh đã thông tin",
    "Ok ạ", "Đã xem ạ", "Mai họp thôn lúc mấy giờ ạ?",
    "Tối nay nhà văn hóa tập văn nghệ nhé mọi người",
    "Ai có rau sạch bán cho em xin ít ạ", "Nhà em có gà ta thả vườn, ai cần liên hệ em",
    "Hôm nay trời mưa to quá", "Chúc cả nhà buổi tối vui vẻ",
    "Đường liên thôn đang đổ bê tông, mọi người đi vòng nhé",
    "Mai cắt điện từ 7h đến 11h ạ", "Lịch tiêm chủng cho trẻ ở trạm y tế sáng thứ 5",
    "Cho em xin số điện thoại trưởng thôn ạ", "Thứ 7 này cả thôn dọn vệ sinh đường làng",
    "Lúa năm nay được mùa quá", "Ai nhặt được chùm chìa khóa ở sân đình cho em xin lại ạ",
    "Chiều nay có xe thu mua lúa không ạ", "Nhà em bán mít, ai cần nhắn em",
    "Chúc mừng sinh nhật bác trưởng thôn", "Cảm ơn các anh công an xã nhiệt tình",
    "Mọi người nhớ đóng tiền điện nước nhé", "Sáng mai họp chi bộ lúc 7h30",
    "Em đã nhận được thông báo", "Trời nắng nóng quá bà con giữ sức khỏe",
    "Đội bóng thôn mình thắng rồi", "Hôm nay chợ phiên đông vui quá",
    "Cho em hỏi mai trường có cho học sinh nghỉ không ạ", "Đã chuyển thông tin cho gia đình ạ",
    "Loa phát thanh xã hỏng mấy hôm rồi", "Tuần sau tiêm phòng dại cho chó mèo nhé",
    "Ai đi chợ huyện cho em gửi ít đồ", "Xin phép cả nhà, em xin nghỉ họp hôm nay",
    "Nhà văn hóa đã sửa xong mái", "Mời bà con dự lễ khánh thành cầu mới",
    "Em gửi lại danh sách hộ nghèo", "Cả nhà đọc kỹ thông báo giúp em", "Tuyệt vời quá",
    "Hay quá ạ", "Đồng ý ạ", "Em nhất trí", "Gia đình em cảm ơn bà con đã giúp đỡ",
    "Hôm nay nước sông lên nhanh, bà con chú ý", "Chiều nay đội thanh niên ra dọn mương",
    "Cả nhà cho em hỏi chỗ sửa xe uy tín", "Tối nay có chiếu phim ở sân kho",
    "Bà con nhớ giữ gìn vệ sinh chung", "Chúc mọi người ngủ ngon", "Sáng nay sương mù dày đặc",
    "Ngày mai hội người cao tuổi đi tham quan", "Em đã báo lại với tổ trưởng",
    "Mai mình đi tập thể dục sớm nhé", "Bác nào có máy cày cho thuê không ạ",
    "Cháu nhà em đỗ đại học rồi cả nhà ơi", "Nhà em mất điện từ trưa",
]
FILLER_PLAIN = ["ok a", "vang a", "cam on chu", "da em biet roi a", "mai may gio hop a",
                "chuc ca nha ngu ngon", "e gui lai a", "hay qua", "ok em cam on",
                "nha em dong y a", "tot qua", "chieu nay co mua khong nhi"]
EMOJI = ["👍", "❤️", "😂😂", "🙏🙏🙏", "👏", "🌾"]
DETAIL = ["Xe Wave màu đỏ ạ", "Khoảng 2h sáng ạ", "Biển số 37 gì đó em không nhìn rõ",
          "Nhà em ở gần cầu Đá", "Em gửi thêm ảnh", "Mọi người để ý giúp em với",
          "Sáng nay em mới phát hiện", "Có camera nhà hàng xóm quay được",
          "Đi về hướng chợ Sông", "Hai người, đội mũ lưỡi trai", "Em đang ở hiện trường",
          "Gia đình em đang rất lo"]
CAPTIONS = ["Ảnh họp thôn tối qua", "Đường làng mới đổ bê tông", "Lúa chín vàng đồng",
            "Các cháu thiếu nhi tập văn nghệ", "ảnh tập huấn PCCC ở nhà văn hóa",
            "Buổi ra quân dọn vệ sinh", "Mâm cỗ ngày rằm"]
PLACES = ["xóm Đông", "Thôn 2", "đầu thôn", "cầu Đá", "chợ Sông", "nhà văn hóa thôn 1",
          "trường tiểu học", "đình làng", "ngã ba Bến", "bờ đê", "khu tập thể cũ",
          "Thôn Thượng"]
THINGS = ["xe máy", "điện thoại", "con bò", "xe đạp điện", "tiền trong két", "hai con dê",
          "máy bơm nước", "bình ga"]
WHEN = ["đêm qua", "sáng nay", "chiều nay", "lúc 2h sáng", "tối qua", "vừa xong"]
TIPS = {
    "trom_cap": ["Báo cáo công an xã: {when} nhà em ở {place} bị mất trộm {thing}",
                 "Nhà tôi vừa bị trộm {thing} {when}, mọi người cảnh giác",
                 "{When} có kẻ cướp giật túi xách của chị em ở {place}",
                 "Cảnh báo có đối tượng móc túi ở {place}",
                 "Em bị mất cắp {thing} ở {place} {when} ạ"],
    "lua_dao": ["Có người gọi điện giả danh công an xã yêu cầu em chuyển tiền",
                "Mẹ em bị lừa đảo qua mạng mất 20 triệu",
                "Có đối tượng mạo danh nhân viên điện lực đến {place} thu tiền",
                "Em bị chiếm đoạt tài khoản Zalo, ai nhận tin nhắn vay tiền thì đừng chuyển ạ"],
    "ma_tuy": ["Ở {place} tối nào cũng có mấy thanh niên tụ tập nghi hút chích",
               "Phản ánh có người bán thuốc lắc ở quán karaoke gần {place}",
               "Nghi có người sử dụng ma túy ở bãi đất trống gần {place}"],
    "chay_no": ["Cháy rơm ở {place} lan sang nhà bên cạnh, mọi người ra giúp với",
                "Nhà ông Hải ở {place} bị chập điện bốc khói",
                "Vừa nghe tiếng nổ lớn ở khu {place}",
                "Có đám cháy ở bãi rác gần {place}",
                "Hỏa hoạn ở xưởng gỗ {place}, gọi 114 chưa ạ"],
    "giao_thong": ["Tai nạn giao thông ở {place}, có người bị thương",
                   "Xe tải va chạm xe máy ở {place}",
                   "Tối nào cũng có nhóm thanh niên đua xe, lạng lách trên đường vào {place}"],
    "gay_roi": ["Có nhóm thanh niên đánh nhau ở {place}",
                "Quán karaoke ở {place} hát đến 1h sáng, gây rối mất trật tự",
                "Đám cưới ở {place} có người say rượu gây rối"],
    "nghi_van": ["Có người lạ đi xe không biển số hỏi đường vào {place}",
                 "Thấy đối tượng lạ lảng vảng quanh {place} mấy hôm nay",
                 "Có xe ô tô khả nghi đỗ ở {place} từ chiều"],
    "moi_truong": ["Có người đổ rác thải xuống mương ở {place}",
                   "Xưởng mộc ở {place} xả thải ra sông",
                   "Khói lò gạch gây ô nhiễm cả {place}"],
    "khac": ["#phananh đường vào {place} bị sạt lở, đi lại nguy hiểm",
             "#tinbao đèn đường ở {place} hỏng cả tuần nay",
             "#PhanAnh cống thoát nước ở {place} bị tắc"],
}
TIP_CAT_W = [("trom_cap", 22), ("lua_dao", 14), ("ma_tuy", 5), ("chay_no", 12),
             ("giao_thong", 12), ("gay_roi", 10), ("nghi_van", 12), ("moi_truong", 8),
             ("khac", 5)]
QUESTIONS = ["Cho em hỏi làm căn cước cho con ở đâu ạ",
             "Thủ tục đăng ký tạm trú cho người thuê trọ cần giấy tờ gì ạ",
             "Em muốn khai báo tạm vắng thì làm thế nào ạ",
             "Cho hỏi kích hoạt định danh điện tử mức 2 ở đâu ạ",
             "VNeID của em không đăng nhập được, nhờ công an xã hướng dẫn",
             "Làm lại CCCD hết bao nhiêu tiền ạ",
             "Làm hộ chiếu có làm ở xã được không ạ",
             "Xác nhận thông tin cư trú lấy ở đâu ạ"]
RESP = ["Công an xã đã tiếp nhận, sẽ cử đồng chí xuống xác minh ngay.",
        "Cảm ơn anh/chị đã thông tin, công an viên phụ trách thôn đang kiểm tra.",
        "Đã nắm thông tin, đề nghị gia đình giữ nguyên hiện trường.",
        "Công an xã ghi nhận, sẽ phối hợp với thôn xử lý.",
        "Anh/chị giữ liên lạc, công an xã đang xuống."]
QRESP = ["Anh/chị ra trụ sở công an xã giờ hành chính nhé.",
         "Mang theo giấy khai sinh bản chính nhé.",
         "Làm trên ứng dụng được, không cần lên xã ạ.",
         "Sáng thứ 7 công an xã hỗ trợ tại nhà văn hóa thôn."]
OFF_CHAT = ["Cảm ơn bác", "Đúng rồi ạ", "Công an xã ghi nhận ý kiến", "Bà con chú ý nhé",
            "Đã chuyển thông tin cho trưởng thôn", "Cảm ơn chị đã chia sẻ"]
REPLY = ["Cảm ơn công an xã đã nhắc nhở", "Đã đọc ạ", "Gia đình em sẽ chú ý",
         "Cảm ơn các anh", "Em chia sẻ cho bố mẹ rồi ạ", "Vâng ạ, cảm ơn đồng chí"]
POSTS = [
    "Công an xã thông báo: cảnh giác thủ đoạn giả danh công an gọi điện yêu cầu chuyển tiền.",
    "Cảnh báo lừa đảo tuyển cộng tác viên bán hàng online, bà con không chuyển tiền cho người lạ.",
    "Cong an xa canh bao: lua dao qua mang ngay cang tinh vi, ba con can trong",
    "Mùa hanh khô, bà con chú ý phòng chống cháy nổ, không đốt rơm rạ gần nhà.",
    "Tuyên truyền: không đua xe, lạng lách; đội mũ bảo hiểm khi đi xe máy.",
    "Dịp lễ, bà con chú ý an toàn, tránh tai nạn giao thông.",
    "Tháng hành động phòng chống ma túy: gia đình quản lý chặt con em.",
    "Công an xã hỗ trợ kích hoạt định danh điện tử VNeID mức 2 tại nhà văn hóa các thôn vào thứ 7.",
    "Thông báo: cấp căn cước cho trẻ dưới 14 tuổi tại trụ sở công an xã.",
    "Dịp cuối năm, bà con khóa cửa cẩn thận, phòng chống trộm cắp tài sản.",
    "Công an xã thông báo lịch tiếp công dân: sáng thứ 3 và thứ 5 hàng tuần.",
    "Lịch trực Tết của công an xã, bà con cần hỗ trợ gọi số trực ban.",
    "Kết quả họp giao ban an ninh trật tự tháng này: tình hình ổn định.",
    "Chúc bà con năm mới an khang thịnh vượng!",
]
IGNORE_CHAT = ["Trộm vía con nhà em dạo này ngoan lắm", "Shop em cháy hàng rồi ạ, hẹn cả nhà đợt sau",
               "Cuối tháng cháy túi luôn các bác ơi", "Cả làng cùng nổ lực làm đường mới nhé",
               "trộm vía năm nay lúa được mùa", "Mai di an chay o chua khong ca nha",
               "Ca nha oi chieu nay chay bo o san van dong nhe"]
PRIVATE = ["Anh ơi nhà em bị mất trộm, anh xuống giúp em với", "Em gửi anh danh sách",
           "Mai anh có trực không", "Cảm ơn anh nhiều", "Chị ơi cho em hỏi thủ tục tạm trú"]
KW_FILES = ["canh-bao-lua-dao-qua-mang.pdf", "huong-dan-phong-chong-chay-no.docx",
            "to-khai-can-cuoc.pdf"]
KW_LINKS = [("Cảnh báo thủ đoạn lừa đảo chiếm đoạt tài sản qua mạng", "tin.example.invalid"),
            ("Cháy nhà xưởng ở khu công nghiệp, thiệt hại lớn", "bao.example.invalid")]
KW_POLLS = ["Họp bàn phòng chống cháy nổ mùa khô vào tối nào?", "Chọn ngày làm căn cước lưu động"]
FILES = [("danh-sach-ho-gia-dinh.xlsx", "xlsx"), ("thong-bao-hop-thon.pdf", "pdf"),
         ("lich-truc.docx", "docx"), ("bien-ban-hop.pdf", "pdf")]
LINKS = [("Giá lúa hôm nay tăng nhẹ", "nongnghiep.example.invalid"),
         ("Dự báo thời tiết tuần tới", "thoitiet.example.invalid"),
         ("Hướng dẫn nộp tiền điện qua ứng dụng", "dien.example.invalid")]
POLLS = ["Chọn ngày tổ chức vui Tết thiếu nhi", "Đăng ký tham gia giải bóng đá thôn"]
LOCS = [("Nhà văn hóa thôn 1", "18.3312", "105.6021"), ("Trụ sở công an xã", "18.3298", "105.6107"),
        ("Chợ Sông", "18.3355", "105.5987")]
ICONS = [("/-heart", 5), ("/-strong", 3), (":>", 1), (":o", 2), ("/-ok", 6)]
HOUR_W = [0.25, 0.12, 0.06, 0.05, 0.12, 0.5, 1.1, 1.6, 1.4, 1.2, 1.3, 1.5,
          1.4, 0.9, 0.8, 1.0, 1.2, 1.5, 2.2, 2.8, 3.0, 2.6, 1.6, 0.7]
WEEKDAY_W = [1.0, 0.95, 1.0, 0.95, 1.0, 1.15, 1.25]

KINDS_MIX = [("text", 62), ("photo", 13), ("video", 3), ("voice", 3), ("file", 2),
             ("sticker", 8), ("gif", 2), ("link", 3), ("contact", 1), ("location", 1),
             ("rtf", 2)]
PC_OTHER = [21, 38, 52]
WEB_MT = {"text": "webchat", "rtf": "webchat", "photo": "chat.photo",
          "video": "chat.video.msg", "voice": "chat.voice", "file": "share.file",
          "sticker": "chat.sticker", "gif": "chat.gif", "link": "chat.recommended",
          "contact": "chat.recommended", "location": "chat.location.new",
          "poll": "group.poll", "other": "chat.doodle"}
PC_MT = {"text": 1, "rtf": 1, "photo": 2, "video": 18, "voice": 3, "file": 19,
         "sticker": 4, "gif": 7, "link": 6, "contact": 6, "location": 17, "poll": 26}

FIXED_DT = (2024, 7, 1, 9, 0, 0)
FIXED_MTIME = 1719799200
PC_TAIL = (',"properties":{"color":0,"size":0,"type":0,"subType":0,'
           '"ext":"{\\"shouldParseLinkOrContact\\":0}"},"ttl":0,"refMessageId":null,'
           '"src":1,"syncFromMobile":false,"reacts":{"idTo":"","msgType":"chat.reaction",'
           '"rClientMsgId":0,"rMsgId":')

_JS = {}


def js(s):
    r = _JS.get(s)
    if r is None:
        r = json.dumps(s, ensure_ascii=False)
        if len(_JS) < 500000:
            _JS[s] = r
    return r


def jd(o):
    return json.dumps(o, ensure_ascii=False, separators=(",", ":"))


_NONASCII = re.compile(r"[^\x00-\x7f]")


def _uesc(m):
    c = ord(m.group(0))
    if c < 0x10000:
        return "\\u%04x" % c
    c -= 0x10000
    return "\\u%04x\\u%04x" % (0xD800 + (c >> 10), 0xDC00 + (c & 0x3FF))


class Sender:
    __slots__ = ("uid", "name", "names", "role", "thon", "w", "tag", "groups")

    def __init__(self, uid, name, role, thon, w, tag=""):
        self.uid, self.name, self.names = uid, name, [name]
        self.role, self.thon, self.w, self.tag = role, thon, w, tag
        self.groups = []


class Msg:
    __slots__ = ("gid", "snd", "dn", "ts", "kind", "text", "title", "x", "quote",
                 "men", "recall", "nomid", "mid", "cli", "capdrop")

    def __init__(self, gid, snd, kind, text="", dn=None):
        self.gid, self.snd, self.kind, self.text = gid, snd, kind, text
        self.dn = dn if dn is not None else snd.name
        self.title = ""
        self.x = None
        self.quote = None
        self.men = None
        self.recall = None
        self.nomid = False
        self.capdrop = None


_ROW_GID = re.compile(r'"(?:idTo|groupId)":"?(\d+)')
_ROW_TS = re.compile(r'"(?:ts|time)":"(\d+)"')
PRIVATE_WEB_NAME = "Tin riêng tư"      # the dName of every private Web row (never stored)


class Sink:
    """One entry being written. A shaped sink (a Web archiver's file) saves its
    rows as archivers do (formats.md §2), in a fixed rotation: bare rows, API
    responses {"error_code":0,"data":{"groupMsgs":[…],"msgs":[…]}} and their
    data alone (several rows each), zca-js listener objects; and between them
    private rows in each private form (msgs, pageMsgs, listener type 0 or
    isGroup false, cmd 501, idTo "0"). n counts rows, the records binhyen
    counts; npriv the private ones."""

    def __init__(self, path, fmt="ndjson", owner=None, ascii_=False, shaped=False):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self.path = path
        self.f = open(path, "w", encoding="utf-8", newline="\n", buffering=1 << 20)
        self.fmt, self.owner, self.ascii = fmt, owner, ascii_
        self.pc = owner is not None
        self.n = self.npriv = self.nout = 0
        self.w = self.f.write
        self.nd = fmt == "ndjson" and not ascii_
        self.shaped = shaped
        self.shapes = Counter()  # what was written, by shape (scenario.txt)
        self.resp = []          # rows of the response being filled
        self.resp_priv = None   # (key, private row) it will carry

    def _out(self, obj):
        """One top-level value: a line, or an element of the array."""
        self.nout += 1
        if self.nd:
            self.w(obj + "\n")
            return
        if self.ascii:
            obj = _NONASCII.sub(_uesc, obj)
        self.w(",\n" + obj if self.nout > 1 else obj)

    def put(self, rec):
        self.n += 1
        if not self.shaped:
            return self._out(rec)
        k = self.n % 12
        ev = rec.startswith('{"act":')
        if k in (3, 4, 5, 9, 10) and not ev:
            self.resp.append(rec)
            if (k == 3 and self.n // 12 % 2) or (k == 9 and self.n // 12 % 3 == 0):
                key = "msgs" if k == 3 else "pageMsgs"
                self.resp_priv = key, self._private(rec, self.n % 2, key == "msgs" and self.n % 3 == 0)
            if k == 5 or k == 10:
                self._flush()
            return
        self._flush()
        if k in (1, 7, 11):
            gid = _ROW_GID.search(rec).group(1)
            self.shapes["zca-js listener objects"] += 1
            if ev:
                self._out('{"type":' + rec[7:-1] + ',"threadId":"%s","isSelf":false}' % gid)
            elif '"msgType":"chat.reaction"' in rec or '"msgType":"chat.undo"' in rec:
                self._out('{"data":%s,"threadId":"%s","isSelf":false,"isGroup":true}' % (rec, gid))
            else:
                self._out('{"type":1,"data":%s,"threadId":"%s","isSelf":%s}' % (
                    rec, gid, "true" if k == 7 else "false"))
        else:
            self.shapes["bare rows"] += 1
            self._out(rec)
        if k == 6:
            self._private_alone(rec, self.n // 12 % 4)

    def _private(self, rec, to_zero, cmd501, to=None):
        """A private row beside rec: a peer's message in a 1:1 chat, its idTo
        "0" (the account) or to, or else the peer; cmd 501 or none."""
        self.n += 1
        self.npriv += 1
        ts = int(_ROW_TS.search(rec).group(1)) + 7
        peer = "89%017d" % (self.n * 7919 % 10 ** 17)
        to = "0" if to_zero else to or "88%017d" % (self.n % 10 ** 17)
        return ('{"actionId":"%d","msgId":"%d","cliMsgId":"%d","msgType":"webchat","uidFrom":"%s",'
                '"idTo":"%s","dName":%s,"ts":"%d","status":1,"content":%s,"ttl":0%s}' % (
                    ts + 5, ts + 3, ts - 11, peer, to, js(PRIVATE_WEB_NAME), ts,
                    js(PRIVATE[self.n % len(PRIVATE)]), ',"cmd":501' if cmd501 else ""))

    def _private_alone(self, rec, k):
        self.shapes[("private: listener type 0", "private: bare, idTo \"0\"", "private: bare, cmd 501",
                     "private: listener isGroup false (a reaction)")[k]] += 1
        if k == 0:      # a zca-js listener object of a 1:1 chat (idTo rewritten)
            row = self._private(rec, False, False)
            self._out('{"type":0,"data":%s,"threadId":"%s","isSelf":false}' % (
                row, re.search(r'"uidFrom":"(\d+)"', row).group(1)))
        elif k == 1:    # a bare row whose idTo is "0"
            self._out(self._private(rec, True, False))
        elif k == 2:    # a bare row with cmd 501
            self._out(self._private(rec, False, True))
        else:           # an older listener object: a private reaction, content a JSON string
            row = self._private(rec, False, False)
            peer = re.search(r'"uidFrom":"(\d+)"', row).group(1)
            ts = _ROW_TS.search(row).group(1)
            c = json.dumps({"rMsg": [{"gMsgID": "0", "cMsgID": ts, "msgType": 1}], "rIcon": "/-heart",
                            "rType": 3, "source": 6})
            self._out('{"data":{"msgType":"chat.reaction","uidFrom":"%s","idTo":"%s","dName":%s,'
                      '"ts":"%s","content":%s},"threadId":"%s","isSelf":false,"isGroup":false}' % (
                          peer, "88%017d" % (self.n % 10 ** 17), js(PRIVATE_WEB_NAME), ts, js(c), peer))

    def _flush(self):
        if not self.resp:
            return
        rows = "[" + ",".join(self.resp) + "]"
        pk, prow = self.resp_priv or (None, None)
        self.shapes["responses" if len(self.resp) >= 3 else "responses' data alone"] += 1
        if pk:
            self.shapes["private: in " + pk] += 1
        if len(self.resp) >= 3:     # a whole response, private rows first as Zalo sends them
            self._out('{"error_code":0,"error_message":"","data":{%s"groupMsgs":%s,"lastActionId":"%d"}}' % (
                '"%s":[%s],' % (pk, prow) if pk else "", rows, self.n))
        else:                       # its data alone
            self._out('{"groupMsgs":%s%s}' % (rows, ',"%s":[%s]' % (pk, prow) if pk else ""))
        self.resp, self.resp_priv = [], None

    def close(self):
        self._flush()
        if not self.nd and self.nout:
            self.f.write("\n")
        self.f.close()


HEAD = {"ndjson": (b"", b""), "array": (b"[\n", b"]\n"), "groupmsgs": (b'{"groupMsgs":[\n', b"]}\n")}


def assemble(final, fmt, parts):
    """Concatenate per-month parts into one entry (commas between array parts)."""
    os.makedirs(os.path.dirname(final), exist_ok=True)
    head, tail = HEAD[fmt]
    first = True
    with open(final, "wb") as out:
        out.write(head)
        for p in parts:
            if not os.path.exists(p) or os.path.getsize(p) == 0:
                continue
            with open(p, "rb") as f:
                data = f.read(1 << 22)
                if fmt != "ndjson" and not first:
                    out.seek(out.tell() - 1)
                    out.write(b",\n")
                first = False
                while data:
                    out.write(data)
                    data = f.read(1 << 22)
        out.write(tail)


_GEN = None


def _chunk_worker(k):
    return _GEN._run_chunk(k)


class Gen:
    def __init__(self, a):
        self.a = a
        self.rng = random.Random(a.seed)
        self.N = max(10, a.messages)
        self.lex = Lexicon()
        self.out = a.out
        self.tmp = os.path.join(a.out, ".bhgen-tmp")
        self.heap = []
        self.seq = 0
        self.last_ts = 0
        self.last_cli = 0
        self.mid = 6100000000000 + self.rng.randrange(10 ** 9)
        self.nmsg = 0
        self.n_private = 0
        self.n_other = 0
        self.n_undo = 0
        self.n_react = 0
        self.n_events = 0
        self.uids = set()
        self.at_win = None
        self.facts = []
        self._check_phrases()
        self._time_frame()
        self._population()
        self._groups()

    # ---- helpers
    def new_uid(self):
        while True:
            u = str(self.rng.randrange(10 ** 18, 9200000000000000000))
            if u not in self.uids:
                self.uids.add(u)
                return u

    def at(self, ts, fn, *args):
        w = self.at_win
        if ts < self.t_end and (w is None or w[0] <= ts < w[1]):
            self.seq += 1
            heapq.heappush(self.heap, (ts, self.seq, fn, args))

    def take_ts(self, ts):
        if ts <= self.last_ts:
            ts = self.last_ts + 1
        self.last_ts = ts
        return ts

    def _check_phrases(self):
        C = self.lex.classify
        for lst in (FILLER, FILLER_PLAIN, EMOJI, DETAIL, CAPTIONS, OFF_CHAT, REPLY,
                    IGNORE_CHAT, [p[0] for p in LOCS], POLLS, [l[0] for l in LINKS]):
            for s in lst:
                assert C(s) is None, "phrase matches the lexicon: %r" % s
        for cat, tl in TIPS.items():
            for t in tl:
                for p in PLACES:
                    for th in THINGS[:2]:
                        s = t.format(place=p, thing=th, when="đêm qua", When="Đêm qua")
                        assert C(s) == (cat, "tip"), (s, C(s))
        for s in QUESTIONS:
            assert C(s) == ("thu_tuc", "question"), s

    def pick_filler(self):
        R = self.rng.random
        r = R()
        if r < 0.70:
            return FILLER[int(R() * len(FILLER))]
        if r < 0.82:
            return FILLER_PLAIN[int(R() * len(FILLER_PLAIN))]
        if r < 0.90:
            return EMOJI[int(R() * len(EMOJI))]
        if r < 0.96:
            return FILLER[int(R() * len(FILLER))] + " " + EMOJI[int(R() * len(EMOJI))]
        return FILLER[int(R() * len(FILLER))] + ". " + FILLER[int(R() * len(FILLER))]

    def person_name(self, four=False):
        r = self.rng
        f = r.random() < 0.5
        if four:
            m1, m2 = r.sample(MID_F if f else MID_M, 2)
            return "%s %s %s %s" % (r.choice(FAMILY), m1, m2, r.choice(GIV_F if f else GIV_M))
        return "%s %s %s" % (r.choice(FAMILY), r.choice(MID_F if f else MID_M),
                             r.choice(GIV_F if f else GIV_M))

    def variant(self, name):
        """How a uid-less roster member's display name may differ: case, spaces, NFD."""
        r = self.rng.random()
        if r < 0.5:
            return name
        if r < 0.62:
            return name.lower()
        if r < 0.70:
            return name.upper()
        if r < 0.85:
            return "  " + "  ".join(name.split()) + " "
        return unicodedata.normalize("NFD", name)

    # ---- time frame and coverage
    def _time_frame(self):
        a = self.a
        s = date.fromisoformat(a.start)
        M = max(1, a.months)
        self.start = s
        dd = min(s.day, 28)
        mb = []
        for i in range(M + 1):
            y, m = add_months(s.year, s.month, i)
            mb.append(date(y, m, dd if i else s.day))
        self.mdates = mb
        self.mb = [day_start_ms(day_index(d)) for d in mb]
        self.t0, self.t_end = self.mb[0], self.mb[-1]
        T = self.t_end - self.t0
        self.T = T

        def snap(f):
            return day_start_ms(day_of(self.t0 + int(f * T)))
        if M >= 3:
            self.a_rng = (self.t0, self.mb[-(-6 * M // 10)])
            self.b_rng = (self.mb[4 * M // 10], self.t_end)
        else:
            self.a_rng = (self.t0, snap(0.62))
            self.b_rng = (snap(0.38), self.t_end)
        self.w1_rng = (snap(0.25), snap(0.8))
        self.w3a_rng = (self.t0, snap(0.45))
        self.w3b_rng = (snap(0.45), snap(0.7))
        bd = snap(0.1)
        self.bad_rng = (bd + 13 * 3600000, bd + 19 * 3600000)
        self.ndays = (self.t_end - self.t0) // DAY_MS

    def at_frac(self, f, hms, day_add=0):
        d = day_of(self.t0 + int(f * self.T)) + day_add
        h, mi, se = hms
        return day_start_ms(d) + ((h * 60 + mi) * 60 + se) * 1000 + 137

    # ---- people
    def _population(self):
        r = self.rng
        N = self.N
        R = 64 + N // 100
        big = R - 26
        sizes = {"Thôn 1": big * 40 // 100, "Thôn 2": big * 35 // 100}
        sizes["Xóm Đông"] = big - sizes["Thôn 1"] - sizes["Thôn 2"]
        sizes.update({"Thôn Hạ": 7, "Thôn Thượng": 10, "Tổ dân phố 5": 9})
        self.rows = []          # roster rows: dict uid name phone thon role
        self.senders = []
        used_names = set()

        def uniq4():
            while True:
                n = self.person_name(True)
                if fold_name(n) not in used_names:
                    used_names.add(fold_name(n))
                    return n

        def row(uid, name, thon, role, spell):
            ph = "" if r.random() < 0.3 else "09%08d" % r.randrange(10 ** 8)
            self.rows.append({"uid": uid, "name": name, "phone": ph, "thon": thon,
                              "role": role, "spell": spell})
            return self.rows[-1]
        ospell = ["officer", "Công an", "công an viên"]
        self.officers = []
        for i, dn in enumerate(["CAX %s", "Công an xã - %s", "%s (CA xã)"]):
            nm = self.person_name()
            uid = self.new_uid()
            row(uid, nm, "", "officer", ospell[i])
            s = Sender(uid, dn % nm, "officer", "", 0)
            self.officers.append(s)
            self.senders.append(s)
        self.A, self.B, self.C = self.officers
        self.staff = []
        sspell = ["staff", "Trưởng thôn", "trưởng thôn", "cán bộ", "Cán bộ", "đoàn thể"]
        for i, th in enumerate(THON):
            nm = self.person_name()
            uid = self.new_uid()
            row(uid, nm, th, "staff", sspell[1 + i % 2])
            s = Sender(uid, "Trưởng thôn %s" % nm.split()[-1], "staff", th, 3.0, "truong_thon")
            self.staff.append(s)
        for i in range(3):
            nm = self.person_name()
            uid = self.new_uid()
            th = "Thôn 2" if i == 2 else ""
            row(uid, nm, th, "staff", sspell[[0, 3, 5][i]])
            self.staff.append(Sender(uid, nm, "staff", th, 1.5))
        self.senders += self.staff
        rspell = ["resident", "người dân", "Người dân", "RESIDENT", "NGƯỜI DÂN"]
        self.residents = []       # senders with a roster row
        self.uidless = []
        self.inactive_rows = 0
        for th in THON:
            for i in range(sizes[th]):
                inactive = r.random() < 0.15
                nouid = r.random() < 0.12 or (th in ("Thôn Hạ", "Tổ dân phố 5") and i == 0)
                w = 0.0 if inactive else min(40.0, r.paretovariate(1.3))
                if nouid:
                    nm = uniq4()
                    row("", nm, th, "resident", r.choice(rspell))
                    if inactive:
                        self.inactive_rows += 1
                        continue
                    s = Sender(self.new_uid(), self.variant(nm), "resident", th, w, "uidless")
                    self.uidless.append(s)
                else:
                    nm = self.person_name()
                    uid = self.new_uid()
                    row(uid, nm, th, "resident", r.choice(rspell))
                    if inactive:
                        self.inactive_rows += 1
                    s = Sender(uid, nm, "resident", th, w)
                self.residents.append(s)
                self.senders.append(s)
        # special rows: a name shared by two uid-less rows; a sender using two
        # uid-less names; one uid-less member with two Zalo accounts
        shared = uniq4()
        row("", shared, "Thôn 1", "resident", "resident")
        row("", shared, "Thôn 2", "resident", "người dân")
        self.s_shared = Sender(self.new_uid(), shared, "unmatched", "", 2.0, "shared_name")
        n1, n2 = uniq4(), uniq4()
        row("", n1, "Thôn 2", "resident", "resident")
        row("", n2, "Xóm Đông", "resident", "resident")
        self.s_double = Sender(self.new_uid(), n1, "unmatched", "", 2.0, "two_names")
        self.s_double.names = [n1, n2]
        n3 = uniq4()
        row("", n3, "Thôn 1", "resident", "Người dân")
        self.s_alt1 = Sender(self.new_uid(), n3, "resident", "Thôn 1", 2.0, "alt_account")
        self.s_alt2 = Sender(self.new_uid(), n3.upper(), "resident", "Thôn 1", 1.0, "alt_account")
        self.senders += [self.s_shared, self.s_double, self.s_alt1, self.s_alt2]
        self.residents += [self.s_alt1, self.s_alt2]
        # senders not in the roster
        self.unmatched = [self.s_shared, self.s_double]
        U = max(10, R // 8)
        guess = ["%s - Thôn 2", "%s (xóm Đông)", "%s Thôn Hạ", "%s - TDP 5", "%s thôn 1"]
        for i in range(U):
            if i < len(guess) or r.random() < 0.2:
                nm = guess[i % len(guess)] % r.choice(GIV_F + GIV_M)
            else:
                nm = self.person_name()
            s = Sender(self.new_uid(), nm, "unmatched", "", min(20.0, r.paretovariate(1.5)))
            self.unmatched.append(s)
            self.senders.append(s)
        # a few quoted / odd roster fields (the CSV must quote them)
        for rw in self.rows:
            if rw["role"] == "resident" and rw["uid"] and rw["phone"]:
                rw["phone"] = rw["phone"] + "; 0987" + rw["phone"][-6:]
                break
        for rw in self.rows[::-1]:
            if rw["role"] == "resident" and rw["uid"] and rw["phone"]:
                rw["phone"] = rw["phone"] + "\n(Zalo)"
                break
        for rw in self.rows:
            if rw["role"] == "resident" and rw["uid"] and rw["thon"] == "Thôn 2":
                rw["name"] = rw["name"] + ' "Tèo"'
                break
        order = list(range(9, len(self.rows)))
        r.shuffle(order)
        self.rows = self.rows[:9] + [self.rows[i] for i in order]

    def _groups(self):
        r = self.rng
        gids = [self.new_uid() for _ in range(5)]
        self.G1, self.G2, self.G3 = gids[:3]
        self.gname = {self.G1: "Zalo kết nối bình yên - xã Bình An",
                      self.G2: "ANTT Thôn 1, Xóm Đông"}
        mem = {self.G1: [], self.G2: [], self.G3: []}
        extra = []
        if self.N > 60000:
            extra.append(gids[3])
            self.gname[gids[3]] = "Tổ tự quản ANTT liên thôn"
        if self.N > 600000:
            extra.append(gids[4])
            self.gname[gids[4]] = "Hội Phụ nữ xã Bình An"
        for g in extra:
            mem[g] = []
        self.extra = extra
        for s in self.senders:
            if s.role == "officer":
                gs = [self.G1, self.G2] + extra if s is not self.C else [self.G1, self.G3]
                if s is self.B:
                    gs = [self.G1, self.G2] + extra
            elif s.role == "unmatched":
                gs = [self.G1] if r.random() < 0.85 or s.tag else []
                if not s.tag and r.random() < 0.3:
                    gs.append(self.G2 if r.random() < 0.5 else self.G3)
                if not gs:
                    gs = [self.G3]
            else:
                gs = [self.G1]
                if s.thon in ("Thôn 1", "Xóm Đông") or (s.role == "staff" and not s.thon):
                    gs.append(self.G2)
                if s.thon in ("Thôn 2", "Thôn Hạ", "Thôn Thượng", "Tổ dân phố 5"):
                    gs.append(self.G3)
                for g in extra:
                    if r.random() < 0.5:
                        gs.append(g)
            s.groups = gs
            for g in gs:
                mem[g].append(s)
        self.mem = mem
        self.gorder = [self.G1, self.G2, self.G3] + extra
        share = [0.45, 0.25, 0.30] if not extra else [0.35, 0.2, 0.25] + [0.2 / len(extra)] * len(extra)
        self.gcum = []
        acc = 0.0
        for x in share:
            acc += x
            self.gcum.append(acc)
        self.pool = {}
        self.by_role = {}
        for g in self.gorder:
            act = [s for s in mem[g] if s.w > 0 and s.role != "officer"]
            k = min(30000, max(300, 12 * len(act)))
            self.pool[g] = r.choices(act, weights=[s.w for s in act], k=k)
            self.by_role[g] = {
                "resident": [s for s in act if s.role == "resident"],
                "staff": [s for s in act if s.role == "staff"],
                "unmatched": [s for s in act if s.role == "unmatched"]}
        self.g_offs = {g: [s for s in mem[g] if s.role == "officer"] for g in self.gorder}
        kinds = []
        for g in self.gorder:
            mix = list(KINDS_MIX)
            if g != self.G1:
                mix += [("poll", 1), ("other", 1)]
            if g == self.G3:
                mix = [(k, w) for k, w in mix if k != "rtf"]
            lst = []
            for k, w in mix:
                lst += [k] * w
            kinds.append((g, lst))
        self.kinds = dict(kinds)
        self.ring = {g: deque(maxlen=40) for g in self.gorder}
        self.has_web = {self.G1, self.G3}

    # ---- sinks and routing
    def _sink_specs(self):
        t = self.tmp
        A, B = self.A.uid, self.B.uid
        sp = [("A", os.path.join(t, "A", A, "ZaloDownloads", "database", A + "_zmessage.zdb"), "ndjson", A, False),
              ("B", os.path.join(t, "B", B, "ZaloDownloads", "database", B + "_zmessage.zdb"), "ndjson", B, False),
              ("W1", os.path.join(t, "W", "web", "g%s.ndjson" % self.G1), "ndjson", None, False),
              ("W3a", os.path.join(t, "W", "web", "g%s_part1.json" % self.G3), "array", None, False),
              ("W3b", os.path.join(t, "W", "web", "g%s_part2.json" % self.G3), "groupmsgs", None, True),
              ("bad", os.path.join(t, "W", "web", "bad.ndjson"), "ndjson", None, False)]
        self.mon_paths = []
        for i in range(len(self.mb) - 1):
            lab = self.mdates[i].strftime("%Y-%m")
            p = os.path.join(t, "M", lab, "g%s_%s.ndjson" % (self.G3, lab))
            self.mon_paths.append((lab, p))
            sp.append(("M%d" % i, p, "ndjson", None, False))
        return sp

    def _sinks(self, k):
        pd = os.path.join(self.tmp, "parts", str(k))
        S = self.sinks = {}
        for name, final, fmt, owner, asc in self.specs:
            S[name] = Sink(os.path.join(pd, name), fmt, owner, asc,
                           shaped=name in ("W1", "W3a") or name.startswith("M"))
        self.sA, self.sB, self.sW1 = S["A"], S["B"], S["W1"]
        self.sW3a, self.sW3b, self.sBad = S["W3a"], S["W3b"], S["bad"]
        self.sMon = []
        routes = {g: [] for g in self.gorder}
        for g in [self.G1, self.G2] + self.extra:
            routes[g].append((self.a_rng[0], self.a_rng[1], self.sA))
            routes[g].append((self.b_rng[0], self.b_rng[1], self.sB))
        routes[self.G1].append((self.w1_rng[0], self.w1_rng[1], self.sW1))
        routes[self.G3].append((self.w3a_rng[0], self.w3a_rng[1], self.sW3a))
        routes[self.G3].append((self.w3b_rng[0], self.w3b_rng[1], self.sW3b))
        for i in range(len(self.mb) - 1):
            s = S["M%d" % i]
            self.sMon.append(s)
            routes[self.G3].append((self.mb[i], self.mb[i + 1], s))
        self.routes = routes
        self.rcache = {}
        self.bad_day = (self.bad_rng[0] + TZ_MS) // DAY_MS

    def route(self, gid, ts):
        d = (ts + TZ_MS) // DAY_MS
        k = (gid, d)
        r = self.rcache.get(k)
        if r is not None:
            return r
        if gid == self.G3 and self.bad_rng[0] <= ts < self.bad_rng[1]:
            return [self.sBad]
        r = [s for a, b, s in self.routes[gid] if a <= ts < b]
        if d != self.bad_day:
            if len(self.rcache) > 4096:
                self.rcache.clear()
            self.rcache[k] = r
        return r

    # ---- serialisation
    def content(self, m, pc, drop):
        k = m.kind
        x = m.x
        if k == "text":
            return (1 if pc else "webchat"), js(m.text)
        if k == "rtf":
            return (1, jd({"action": "rtf", "title": m.text})) if pc else ("webchat", js(m.text))
        title, desc = ("", "") if drop else (m.title, m.text)
        if k == "photo":
            p = ('{"width":%d,"height":%d,"rotation":0,"group_layout_id":%d,'
                 '"total_item_in_group":%d}' % (x[0], x[1], x[2], x[3]))
            if x[5]:
                p = json.dumps(p)
            p = json.dumps(p)
            u = "https://photo.example.invalid/%s" % x[4]
            if pc:
                return 2, ('{"title":%s,"description":%s,"params":%s,"thumbUrl":"%s/t.jpg",'
                           '"oriUrl":"%s/o.jpg","hdUrl":"%s/h.jpg"}' % (js(title), js(desc), p, u, u, u))
            return "chat.photo", ('{"title":%s,"description":%s,"href":"%s/o.jpg","thumb":"%s/t.jpg",'
                                  '"childnumber":0,"action":"","params":%s,"type":""}' % (
                                      js(title), js(desc), u, u, p))
        if k == "video":
            p = jd({"duration": x[0], "video_width": 720, "video_height": 1280})
            u = "https://video.example.invalid/%s" % x[1]
            o = {"title": title, "description": desc, "href": u + ".mp4", "thumb": u + ".jpg",
                 "childnumber": 0, "action": "", "params": p, "type": ""}
            return (18 if pc else "chat.video.msg"), jd(o)
        if k == "voice":
            return (3 if pc else "chat.voice"), (
                '{"href":"https://voice.example.invalid/%s.amr","params":"{\\"duration\\":%d}"}'
                % (x[1], x[0]))
        if k == "file":
            o = {"title": x[0], "description": "", "href": "https://file.example.invalid/%s/%s" % (x[3], x[0]),
                 "thumb": "", "childnumber": 0, "action": "",
                 "params": jd({"fileSize": str(x[2]), "checksum": x[3][:8], "checksumSha": "null",
                               "fileExt": x[1], "fdata": "", "fType": 1}), "type": ""}
            return (19 if pc else "share.file"), jd(o)
        if k == "sticker":
            return (4 if pc else "chat.sticker"), '{"id":%d,"catId":%d,"type":7}' % (x[0], x[1])
        if k == "gif":
            u = "https://gif.example.invalid/%s" % x[0]
            return (7 if pc else "chat.gif"), jd({"normalUrl": u + ".gif", "thumbUrl": u + ".jpg"})
        if k == "link":
            o = {"action": "recommened.link", "title": x[0], "description": "",
                 "href": "https://%s/bai-viet/%d" % (x[1], x[2]), "thumb": "",
                 "childnumber": 0, "params": jd({"mediaTitle": x[0], "src": x[1]}), "type": ""}
            return (6 if pc else ("chat.link" if x[2] % 2 else "chat.recommended")), jd(o)
        if k == "contact":
            o = {"action": "recommened.user", "title": x[0], "description": "",
                 "href": "", "thumb": "", "childnumber": 0,
                 "params": jd({"contactUid": x[1], "qrCodeUrl": ""}), "type": ""}
            return (6 if pc else "chat.recommended"), jd(o)
        if k == "location":
            return (17 if pc else "chat.location.new"), jd({"desc": x[0], "lat": x[1], "lo": x[2]})
        if k == "poll":
            o = {"title": x[0], "description": "", "action": "",
                 "params": jd({"pollId": x[1], "options": ["Có", "Không"]}), "type": ""}
            return (26 if pc else "group.poll"), jd(o)
        # other: PC embed / unknown / zinstant; Web doodle
        if pc:
            return x[0], jd({"action": "zinstant" if x[0] == 52 else "", "title": "",
                             "params": jd({"v": x[1]})})
        return "chat.doodle", jd({"title": "", "href": "https://doodle.example.invalid/%d.png" % x[1]})

    def pc_rec(self, m, owner, recalled, drop):
        frm = "0" if m.snd.uid == owner else m.snd.uid
        if recalled:
            mt, body = 20, '""'
        else:
            mt, body = self.content(m, True, drop)
        men = "null"
        if m.men:
            men = "[" + ",".join('{"uid":"%s","pos":%d,"len":%d,"type":%d}' % t for t in m.men) + "]"
        q = "null"
        if m.quote:
            qm, qc, qo, qts, qmsg, qfrom, qt, clionly = m.quote
            q = ('{"ownerId":"%s","cliMsgId":%d,"globalMsgId":%d,"cliMsgType":%d,"ts":%d,'
                 '"msg":%s,"attach":"","fromD":%s,"ttl":0}' % (
                     "0" if qo == owner else qo, qc, 0 if clionly else qm, qt, qts,
                     js(qmsg), js(qfrom)))
        mid = "" if m.nomid else str(m.mid)
        ts = m.ts
        return ('{"actionId":"%d","msgId":"%s","zglobalMsgId":"%s","cliMsgId":"%d","msgType":%d,'
                '"status":1,"notify":"1","mentions":%s,"quote":%s,"message":%s,'
                '"sendDttm":"%d","serverTime":"%d","fromUid":"%s","toUid":"g%s","dName":%s,'
                '"localDttm":%d%s%s,"rMsgType":0,"currentIcon":0,"reactions":null}}' % (
                    m.mid + 131, mid, mid, m.cli, mt, men, q, body, ts - 60 - m.mid % 90, ts,
                    frm, m.gid, js(m.dn), ts + 300 + m.mid % 700, PC_TAIL, m.mid))

    def web_rec(self, m, drop):
        mt, body = self.content(m, False, drop)
        mid = m.mid
        v = mid % 35
        ms = "" if m.nomid else ('"msgId":%d,' % mid if v % 5 == 0 else '"msgId":"%d",' % mid)
        uf = m.snd.uid if v % 7 == 1 else '"%s"' % m.snd.uid
        it = m.gid if v % 9 == 2 else '"%s"' % m.gid
        s = ('{"actionId":"%d",%s"cliMsgId":"%d","msgType":"%s","uidFrom":%s,"idTo":%s,'
             '"dName":%s,"ts":"%d","status":1,"content":%s,"ttl":0' % (
                 mid + 131, ms, m.cli, mt, uf, it, js(m.dn), m.ts, body))
        if m.men:
            s += ',"mentions":[' + ",".join(
                '{"uid":%s,"pos":%d,"len":%d,"type":%d}' % (
                    u if (v % 2 and u.isdigit()) else '"%s"' % u, p, ln, ty)
                for u, p, ln, ty in m.men) + "]"
        else:
            s += ',"mentions":null'
        if m.quote:
            qm, qc, qo, qts, qmsg, qfrom, qt, clionly = m.quote
            s += (',"quote":{"ownerId":%s,"cliMsgId":%d,"globalMsgId":%d,"cliMsgType":%d,'
                  '"ts":%d,"msg":%s,"attach":"","fromD":%s}' % (
                      qo, qc, 0 if clionly else qm, qt, qts, js(qmsg), js(qfrom)))
        return s + "}"

    # ---- emission
    def emit(self, m, ts):
        r = self.rng
        if ts <= self.last_ts:
            ts = self.last_ts + 1
        self.last_ts = m.ts = ts
        self.mid += 3 + (ts & 7)
        m.mid = self.mid
        cli = ts - 40 - (self.mid % 777)
        if cli <= self.last_cli:
            cli = self.last_cli + 1
        m.cli = self.last_cli = cli
        sinks = self.route(m.gid, ts)
        assert sinks, "no archive covers %s at %d" % (m.gid, ts)
        n = len(sinks)
        rec_pc = ()
        if m.recall:
            pcs = [s for s in sinks if s.pc]
            webs = [s for s in sinks if not s.pc]
            mode = m.recall
            if mode == "auto":
                mode = "pc1" if pcs and (not webs or r.random() < 0.5) else "undo"
            if mode == "pc1" and pcs:
                rec_pc = (r.choice(pcs),) if len(pcs) > 1 and r.random() < 0.7 else tuple(pcs)
            elif webs:
                self.at(ts + r.randrange(20000, 3600000), self.ev_undo, m)
            else:
                rec_pc = tuple(pcs)
        drop = None
        k = m.kind
        if m.capdrop == "pc":
            drop = [s for s in sinks if s.pc]
        elif (k == "photo" or k == "video") and m.text and n > 1 and r.random() < 0.35:
            drop = [sinks[r.randrange(n)]]
        web = None
        pcs_same = None
        if n > 1 and not rec_pc and drop is None:
            u = m.snd.uid
            if u != self.A.uid and u != self.B.uid and (
                    m.quote is None or m.quote[2] not in (self.A.uid, self.B.uid)):
                pcs_same = self.pc_rec(m, None, False, False)
        for s in sinks:
            d = drop is not None and s in drop
            if s.pc:
                s.put(pcs_same or self.pc_rec(m, s.owner, s in rec_pc, d))
                if k == "photo" and len(self.pics[s.owner]) < 120 and r.random() < 0.25:
                    self.pics[s.owner].append((m.gid, m.mid, r.getrandbits(128), r.randrange(300, 3000)))
            else:
                if d:
                    s.put(self.web_rec(m, True))
                else:
                    if web is None:
                        web = self.web_rec(m, False)
                    s.put(web)
        self.nmsg += 1
        if not m.recall:
            self.ring[m.gid].append(m)
        return m

    def entry(self, m):
        return (m.mid, m.cli, m.snd, m.ts,
                m.text if m.kind in ("text", "rtf") else "", m.dn, PC_MT.get(m.kind, 1))

    def quote_of(self, e, clionly=False):
        mid, cli, snd, ts, text, dn, qt = e
        return (mid, cli, snd.uid, ts, text, dn, qt, clionly)

    def ev_undo(self, ts, m):
        sinks = [s for s in self.route(m.gid, ts) if not s.pc]
        if not sinks:
            return
        ts = self.take_ts(ts)
        if len(sinks) > 1 and self.rng.random() < 0.5:
            sinks = [self.rng.choice(sinks)]
        self.mid += 2
        # deleteMsg 0 or 1 (a recall either way), srcId/destId as 19-digit
        # numbers, content kept as a JSON string by some archivers
        v = (self.mid // 2) % 3
        c = '{"globalMsgId":%d,"cliMsgId":%d,"deleteMsg":%d,"srcId":%s,"destId":%s}' % (
            m.mid, m.cli, v % 2, m.snd.uid if v else 0, m.gid)
        if v != 1:
            self.web_forms["recalls with content as a JSON string"] += len(sinks)
        rec = ('{"actionId":"%d","msgId":"%d","cliMsgId":"%d","msgType":"chat.undo","uidFrom":"%s",'
               '"idTo":"%s","dName":%s,"ts":"%d","status":1,"content":%s,"ttl":0}' % (
                   self.mid + 131, self.mid, ts - 150, m.snd.uid, m.gid, js(m.dn), ts,
                   js(c) if v != 1 else c))
        for s in sinks:
            s.put(rec)
            self.n_undo += 1

    def react(self, ts, gid, e, who, icon):
        sinks = [s for s in self.route(gid, ts) if not s.pc]
        if not sinks:
            return
        ts = self.take_ts(ts)
        self.mid += 2
        mid, cli = e[0], e[1]
        ic, rt = icon
        g = '%d' % mid if mid % 3 == 0 else '"%d"' % mid
        c = '"%d"' % cli
        # v 1, 2: made from the Zalo phone app (gMsgID 0: the target is the
        # group's message with that cliMsgId); v 2, 3: content kept as a JSON string
        v = (self.mid // 2) % 5
        if v == 1:
            g, c = "0", "%d" % cli
        elif v == 2:
            g = '"0"'
        if v in (1, 2):
            self.web_forms["reactions from the phone (gMsgID 0)"] += len(sinks)
        if v in (2, 3):
            self.web_forms["reactions with content as a JSON string"] += len(sinks)
        body = '{"rMsg":[{"gMsgID":%s,"cMsgID":%s,"msgType":%d}],"rIcon":"%s","rType":%d,"source":6}' % (
            g, c, e[6], ic, rt)
        rec = ('{"msgId":"%d","cliMsgId":"%d","msgType":"chat.reaction","uidFrom":"%s","idTo":"%s",'
               '"dName":%s,"ts":"%d","ttl":0,"content":%s}' % (
                   self.mid, ts - 90, who.uid, gid, js(who.name), ts, js(body) if v in (2, 3) else body))
        for s in sinks:
            s.put(rec)
            self.n_react += 1

    def ev_react(self, ts, gid, e, who, icon):
        self.react(ts, gid, e, who, icon)

    def member_event(self, ts, gid, act, source, members):
        sinks = [s for s in self.route(gid, ts) if not s.pc]
        if not sinks:
            return
        ts = self.take_ts(ts)
        um = ",".join('{"id":%s,"dName":%s}' % (u if i % 2 else '"%s"' % u, js(n))
                      for i, (u, n) in enumerate(members))
        rec = ('{"act":"%s","data":{"groupId":"%s","sourceId":"%s","updateMembers":[%s],'
               '"time":"%d"}}' % (act, gid, source, um, ts))
        for s in sinks:
            s.put(rec)
            self.n_events += 1

    # ---- message factories
    def make(self, gid, snd, kind, text=None):
        r = self.rng
        m = Msg(gid, snd, kind)
        if snd.role == "unmatched" and len(snd.names) > 1:
            m.dn = snd.names[self.nmsg % len(snd.names)]
        if kind == "text":
            m.text = text if text is not None else self.pick_filler()
        elif kind == "rtf":
            m.text = text if text is not None else r.choice(FILLER)
        elif kind == "photo":
            if text is not None:
                m.text = text
            elif r.random() < 0.3:
                m.text = CAPTIONS[int(r.random() * len(CAPTIONS))]
            y = r.random()
            m.x = [(1280, 960, 1600)[int(y * 3)], (720, 960, 1200)[int(y * 9) % 3], 0, 1,
                   "%032x" % r.getrandbits(128), y < 0.2]
        elif kind == "video":
            if text is not None:
                m.text = text
            elif r.random() < 0.3:
                m.text = r.choice(CAPTIONS)
            m.x = (r.randrange(3000, 60000), "%032x" % r.getrandbits(128))
        elif kind == "voice":
            m.x = (r.randrange(1000, 30000), "%032x" % r.getrandbits(128))
        elif kind == "file":
            fn, ext = (text, text.rsplit(".", 1)[1]) if text else r.choice(FILES)
            m.x = (fn, ext, r.randrange(2000, 4000000), "%032x" % r.getrandbits(128))
        elif kind == "sticker":
            m.x = (r.randrange(20000, 50000), r.randrange(10000, 12000))
        elif kind == "gif":
            m.x = ("%032x" % r.getrandbits(128),)
        elif kind == "link":
            t = (text, "tin.example.invalid") if isinstance(text, str) else (text or r.choice(LINKS))
            m.x = (t[0], t[1], r.randrange(100000, 999999))
        elif kind == "contact":
            c = r.choice(self.senders)
            m.x = (c.name, c.uid)
        elif kind == "location":
            m.x = r.choice(LOCS)
        elif kind == "poll":
            m.x = (text or r.choice(POLLS), r.randrange(10 ** 6, 10 ** 7))
        elif kind == "other":
            m.x = (r.choice(PC_OTHER), r.randrange(1000, 9999))
        return m

    def choose_group(self):
        x = self.rng.random()
        for g, c in zip(self.gorder, self.gcum):
            if x < c:
                return g
        return self.gorder[-1]

    # ---- activities
    def ev_slot(self, ts):
        r = self.rng
        x = r.random()
        if x < 0.012:
            return self.random_tip(ts, "tip")
        if x < 0.018:
            return self.random_tip(ts, "question")
        if x < 0.026:
            return self.random_post(ts)
        if x < 0.052:
            return self.officer_chat(ts)
        if x < 0.057:
            g = self.choose_group()
            return self.emit(self.make(g, r.choice(self.pool[g]), "text", r.choice(IGNORE_CHAT)), ts)
        if x < 0.060:
            return self.kw_title(ts)
        if x < 0.068:
            return self.random_event(ts)
        if x < 0.088:
            return self.private(ts)
        if x < 0.089:
            return self.pin(ts)
        return self.filler(ts)

    def filler(self, ts, g=None, snd=None):
        r = self.rng
        if g is None:
            g = self.choose_group()
        if snd is None:
            p = self.pool[g]
            snd = p[int(r.random() * len(p))]
        kl = self.kinds[g]
        kind = kl[int(r.random() * len(kl))]
        m = self.make(g, snd, kind)
        y = r.random()
        ring = self.ring[g]
        if y < 0.07 and ring:
            m.quote = self.quote_of(self.entry(ring[int(r.random() * len(ring))]))
        elif y < 0.09 and ring and kind == "text":
            e = ring[int(r.random() * len(ring))]
            if e.snd is not snd:
                m.text = "@%s %s" % (e.dn, m.text)
                m.men = [(e.snd.uid, 0, len(e.dn) + 1, 0)]
        elif y < 0.10 and kind in ("text", "sticker") and snd.role != "officer":
            m.recall = "auto"
        n = 1
        if kind == "photo":
            m.x[2] = ts - 100 - (ts % 997)
            if r.random() < 0.25:
                n = r.randrange(2, 5)
                m.x[3] = n
        self.emit(m, ts)
        if n > 1:
            t = m.ts
            for i in range(1, n):
                t += r.randrange(300, 2500)
                p = self.make(g, snd, "photo", "")
                p.x[2], p.x[3] = m.x[2], n
                self.at(t, self.ev_emit, p)
        if g in self.has_web and r.random() < 0.04:
            e = self.entry(m)
            for _ in range(r.randrange(1, 4)):
                who = r.choice(self.pool[g])
                t = m.ts + r.randrange(30000, 6 * 3600000)
                self.at(t, self.ev_react, g, e, who, r.choice(ICONS))
                if r.random() < 0.12:
                    self.at(t + r.randrange(60000, 7200000), self.ev_react, g, e, who, ("", 0))
        return m

    def ev_emit(self, ts, m):
        self.emit(m, ts)

    def officer_chat(self, ts):
        r = self.rng
        g = self.choose_group()
        ring = self.ring[g]
        offs = self.g_offs[g]
        if not ring:
            return
        o = r.choice(offs)
        e = ring[r.randrange(len(ring))]
        if e.snd.role == "officer":
            return
        m = self.make(g, o, "text", r.choice(OFF_CHAT))
        if r.random() < 0.6:
            m.quote = self.quote_of(self.entry(e))
        else:
            m.text = "@%s %s" % (e.dn, m.text)
            m.men = [(e.snd.uid, 0, len(e.dn) + 1, 0)]
        self.emit(m, ts)

    def kw_title(self, ts):
        r = self.rng
        g = self.choose_group()
        snd = r.choice(self.pool[g])
        y = r.random()
        if y < 0.4:
            m = self.make(g, snd, "file", r.choice(KW_FILES))
        elif y < 0.7 or g == self.G1:
            m = self.make(g, snd, "link", r.choice(KW_LINKS))
        else:
            m = self.make(g, snd, "poll", r.choice(KW_POLLS))
        self.emit(m, ts)

    def random_event(self, ts):
        r = self.rng
        g = self.G1 if r.random() < 0.35 else self.G3
        offs = self.g_offs[g]
        y = r.random()
        if y < 0.55:
            k = r.choice([1, 1, 1, 2, 3, 4])
            mem = []
            for _ in range(k):
                if r.random() < 0.6:
                    mem.append((self.new_uid(), self.person_name()))
                else:
                    s = r.choice(self.pool[g])
                    mem.append((s.uid, s.name))
            self.member_event(ts, g, "join", r.choice(offs).uid, mem)
        elif y < 0.8:
            s = r.choice(self.pool[g])
            self.member_event(ts, g, "leave", s.uid, [(s.uid, s.name)])
        else:
            mem = []
            for _ in range(r.choice([1, 1, 2])):
                s = r.choice(self.pool[g])
                mem.append((s.uid, s.name))
            self.member_event(ts, g, "remove_member", r.choice(offs).uid, mem)

    def private(self, ts):
        r = self.rng
        owners = [s for s, (a, b) in ((self.sA, self.a_rng), (self.sB, self.b_rng)) if a <= ts < b]
        if not owners:
            return
        s = r.choice(owners)
        peer = r.choice(self.pool[self.G1])
        if peer.uid not in [p[0] for p in self.priv_peers[s.owner]] and len(self.priv_peers[s.owner]) < 6:
            self.priv_peers[s.owner].append((peer.uid, peer.name))
        ts = self.take_ts(ts)
        self.mid += 3
        out = r.random() < 0.5
        me = self.A if s is self.sA else self.B
        m = Msg("", me if out else peer, "text", r.choice(PRIVATE))
        m.ts, m.mid, m.cli = ts, self.mid, ts - 77
        rec = self.pc_rec(m, s.owner, False, False)
        rec = rec.replace('"toUid":"g"', '"toUid":"%s"' % (peer.uid if out else "0"), 1)
        s.put(rec)
        self.n_private += 1

    def pin(self, ts):
        r = self.rng
        g = r.choice([self.G1, self.G2])
        sinks = [s for s in self.route(g, ts) if s.pc]
        ts = self.take_ts(ts)
        self.mid += 3
        o = r.choice(self.g_offs[g])
        for s in sinks:
            mt = -1909 if self.mid % 2 else -27
            body = '""' if mt == -27 else jd({"action": "pin", "title": "",
                                             "params": jd({"msgId": str(self.mid - 100)})})
            frm = "0" if o.uid == s.owner else o.uid
            s.put('{"actionId":"%d","msgId":"%d","cliMsgId":"%d","msgType":%d,"status":1,'
                  '"message":%s,"sendDttm":"%d","serverTime":"%d","fromUid":"%s","toUid":"g%s",'
                  '"dName":%s,"localDttm":%d}' % (self.mid + 131, self.mid, ts - 50, mt, body,
                                                  ts - 40, ts, frm, g, js(o.name), ts + 300))
            self.n_other += 1

    # ---- tips
    def tip_text(self, kind):
        r = self.rng
        if kind == "question":
            t = r.choice(QUESTIONS)
        else:
            x = r.random() * 100
            acc = 0
            for cat, w in TIP_CAT_W:
                acc += w
                if x < acc:
                    break
            t = r.choice(TIPS[cat])
            w = r.choice(WHEN)
            t = t.format(place=r.choice(PLACES), thing=r.choice(THINGS), when=w,
                         When=w[:1].upper() + w[1:])
        y = r.random()
        if y < 0.2:
            t = strip_marks(t).lower()
        elif y < 0.3:
            t = t.lower()
        return t

    def random_tip(self, ts, kind):
        r = self.rng
        g = self.choose_group()
        roles = self.by_role[g]
        y = r.random()
        role = "resident" if y < 0.75 else ("staff" if y < 0.83 else "unmatched")
        if not roles[role]:
            role = "resident"
        who = r.choice(roles[role])
        spec = {"kind": kind, "gid": g, "who": who, "text": self.tip_text(kind)}
        z = r.random()
        spec["mtype"] = "text" if z < 0.82 else ("photo" if z < 0.95 or g == self.G3 else "rtf")
        nf = r.choice([0, 0, 0, 1, 1, 1, 2, 2, 3])
        fl = []
        for i in range(nf):
            gap = 600000 if r.random() < 0.05 else r.randrange(20000, 570000)
            fk = r.random()
            fl.append((gap, "text" if fk < 0.7 else "photo",
                       r.choice(DETAIL) if fk < 0.7 or fk > 0.9 else ""))
        spec["follow"] = fl
        z = r.random()
        if kind == "question":
            mode = "mention" if z < 0.4 else ("quote" if z < 0.75 else None)
        else:
            mode = ("quote" if z < 0.4 else "quote2" if z < 0.55 else
                    "mention" if z < 0.8 else None)
        if mode == "quote2" and not fl:
            mode = "quote"
        if mode:
            b = r.random()
            if b < 0.35:
                d = r.randrange(30000, 900001)
            elif b < 0.6:
                d = r.randrange(900001, 3600001)
            elif b < 0.75:
                d = r.randrange(3600001, 14400001)
            elif b < 0.9:
                d = r.randrange(14400001, 86400001)
            else:
                d = r.randrange(86400001, 4 * 86400000)
            idx = 0
            if mode == "quote2":
                idx = r.randrange(1, len(fl) + 1)
                d = max(d, sum(f[0] for f in fl[:idx]) + r.randrange(5000, 90000))
            spec["resp"] = [{"mode": "mention" if mode == "mention" else "quote", "idx": idx,
                             "delay": d, "off": r.choice(self.g_offs[g])}]
        if g in self.has_web and r.random() < 0.3:
            spec["ack"] = (r.randrange(20000, 7200000), 0, r.choice(self.g_offs[g]))
        self.ev_tip(ts, spec)

    def ev_tip(self, ts, spec):
        r = self.rng
        g, who = spec["gid"], spec["who"]
        if spec.get("recall_first"):
            m0 = self.make(g, who, "text", spec["recall_first"])
            m0.recall = spec.get("recall_mode", "auto")
            m0 = self.emit(m0, ts)
            ts = m0.ts + spec.get("resend_after", 40000)
            spec = dict(spec)
            spec.pop("recall_first")
            return self.at(ts, self.ev_tip, spec)
        kind = spec.get("mtype", "text")
        m = self.make(g, who, kind, spec["text"])
        if kind == "photo":
            m.text = spec["text"]
        if spec.get("dn"):
            m.dn = spec["dn"]
        if spec.get("capdrop"):
            m.capdrop = spec["capdrop"]
        m = self.emit(m, ts)
        if "expect" in spec:
            self.plans.append({"name": spec["name"], "mid": m.mid, "expect": spec["expect"]})
        st = {"spec": spec, "burst": [self.entry(m)], "t0": m.ts}
        if spec.get("follow"):
            self.at(m.ts + spec["follow"][0][0], self.ev_follow, st, 0)
        for rs in spec.get("resp") or ():
            self.at(m.ts + rs["delay"], self.ev_resp, st, rs)
        if spec.get("ack"):
            d, idx, o = spec["ack"]
            self.at(m.ts + d, self.ev_ack, st, idx, o)
        for d, s2, text in spec.get("noise") or ():
            self.at(m.ts + d, self.ev_noise, st, s2, text)

    def ev_follow(self, ts, st, i):
        spec = st["spec"]
        gap, kind, text = spec["follow"][i]
        m = self.make(spec["gid"], spec["who"], kind, text)
        if kind == "photo":
            m.text = text
        if spec.get("dn"):
            m.dn = spec["dn"]
        m = self.emit(m, ts)
        st["burst"].append(self.entry(m))
        if i + 1 < len(spec["follow"]):
            self.at(m.ts + spec["follow"][i + 1][0], self.ev_follow, st, i + 1)

    def ev_resp(self, ts, st, rs):
        r = self.rng
        spec = st["spec"]
        g, who = spec["gid"], spec["who"]
        o = rs["off"]
        txt = rs.get("text") or r.choice(QRESP if spec["kind"] == "question" else RESP)
        m = self.make(g, o, "text", txt)
        if rs["mode"] == "quote":
            e = st["burst"][min(rs["idx"], len(st["burst"]) - 1)]
            m.quote = self.quote_of(e, rs.get("clionly", False))
        else:
            dn = st["burst"][0][5]
            m.text = "@%s %s" % (dn, txt)
            m.men = [(who.uid, 0, len(dn) + 1, 0)]
        self.emit(m, ts)

    def ev_ack(self, ts, st, idx, o):
        e = st["burst"][min(idx, len(st["burst"]) - 1)]
        self.react(ts, st["spec"]["gid"], e, o, ("/-strong", 3))

    def ev_noise(self, ts, st, who, text):
        m = self.make(st["spec"]["gid"], who, "text", text)
        m.quote = self.quote_of(st["burst"][0])
        self.emit(m, ts)

    # ---- officer posts
    def random_post(self, ts):
        r = self.rng
        g = self.choose_group()
        o = r.choice(self.g_offs[g])
        y = r.random()
        kind = ("text" if y < 0.6 else "photo" if y < 0.75 else "file" if y < 0.85 else
                "link" if y < 0.93 else ("rtf" if g != self.G3 else "text"))
        spec = {"gid": g, "off": o, "kind": kind, "all": r.random() < 0.2,
                "text": r.choice(POSTS)}
        reacts = []
        pool = self.pool[g]
        if g in self.has_web:
            seen = []
            for _ in range(r.randrange(0, 7)):
                w = r.choice(pool) if r.random() < 0.9 else o
                if w in seen:
                    continue
                seen.append(w)
                d = r.randrange(60000, 259200000) if r.random() < 0.8 else \
                    r.randrange(259200001, 432000000)
                ic = r.choice(ICONS)
                reacts.append((d, w, ic))
                if d < 172800000:
                    z = r.random()
                    if z < 0.12:
                        reacts.append((d + r.randrange(3600000, 43200000), w, ("", 0)))
                    elif z < 0.2:
                        reacts.append((d + r.randrange(3600000, 43200000), w, r.choice(ICONS)))
        spec["reacts"] = reacts
        reps = []
        for _ in range(r.choice([0, 0, 1, 1, 2, 3])):
            d = r.randrange(120000, 259200000) if r.random() < 0.85 else \
                r.randrange(259200001, 360000000)
            w = r.choice(pool) if r.random() < 0.9 else r.choice(self.g_offs[g])
            reps.append((d, w, r.choice(REPLY)))
        spec["replies"] = reps
        self.ev_post(ts, spec)

    def ev_post(self, ts, spec):
        r = self.rng
        g, o, kind = spec["gid"], spec["off"], spec["kind"]
        text = spec["text"]
        if kind == "file":
            m = self.make(g, o, "file", r.choice(KW_FILES + [f[0] for f in FILES]))
        elif kind == "link":
            m = self.make(g, o, "link", r.choice(KW_LINKS + LINKS))
        else:
            if spec["all"] and kind in ("text", "rtf"):
                text = "@All " + text
            m = self.make(g, o, kind, text)
        if spec["all"]:
            m.men = [("-1", 0, 4, 1)]
        m = self.emit(m, ts)
        if spec.get("plan") is not None:
            spec["plan"]["mid"] = m.mid
        e = self.entry(m)
        for d, w, ic in spec["reacts"]:
            self.at(m.ts + d, self.ev_react, g, e, w, ic)
        for d, w, text in spec["replies"]:
            self.at(m.ts + d, self.ev_reply, g, e, w, text)

    def ev_reply(self, ts, g, e, w, text):
        m = self.make(g, w, "text", text)
        m.quote = self.quote_of(e)
        self.emit(m, ts)

    # ---- scripted edge cases (only for --messages >= 300)
    def _scripted(self):
        r = self.rng
        G1, G2, G3 = self.G1, self.G2, self.G3
        A, B, C = self.A, self.B, self.C
        self.plans = []

        def res(g, thon=None, tag=""):
            c = [s for s in self.by_role[g]["resident"]
                 if (thon is None or s.thon == thon) and s.tag == tag]
            return r.choice(c or self.by_role[g]["resident"])

        def tip(name, t, spec, expect):
            spec["name"] = name
            spec["expect"] = expect
            self.at(t, self.ev_tip, spec)
        F = self.at_frac
        tip("S1 burst gaps of exactly 600000 ms, answered by a quote of the 3rd burst message",
            F(0.05, (20, 5, 13)),
            {"kind": "tip", "gid": G2, "who": res(G2, "Thôn 1"),
             "text": "Báo công an xã: đêm qua nhà em ở xóm Đông bị mất trộm xe máy Wave",
             "follow": [(600000, "text", "Xe màu đỏ, biển 37 ạ"),
                        (600000, "text", "Tên trộm chạy về hướng cầu Đá")],
             "resp": [{"mode": "quote", "idx": 2, "delay": 1503000, "off": A}]}, "25.1")
        tip("S2 follow-up with a keyword 600001 ms later starts a second tip; the @mention answers only the latest",
            F(0.07, (19, 40, 2)),
            {"kind": "tip", "gid": G2, "who": res(G2, "Xóm Đông"),
             "text": "Có nhóm thanh niên đánh nhau ở đầu thôn",
             "follow": [(600001, "text", "Có đứa bị đánh chảy máu, gây rối cả xóm")],
             "resp": [{"mode": "mention", "idx": 0, "delay": 2400000, "off": B}]}, "")
        tip("S3 photo tip whose caption is only in the Web copy; officer reaction (ack) after 3 min; quote of the 2nd burst message after exactly 15 min",
            F(0.5, (17, 40, 0)),
            {"kind": "tip", "gid": G1, "who": res(G1, None, "uidless"), "mtype": "photo",
             "text": "Cháy đống rơm sau nhà văn hóa thôn 2, khói nhiều lắm", "capdrop": "pc",
             "follow": [(45000, "text", "Mọi người ra giúp với")], "ack": (180000, 0, C),
             "resp": [{"mode": "quote", "idx": 1, "delay": 900000, "off": B}]}, "15.0")
        tip("S4 tip typed without diacritics (mat trom), small thon, @mention after exactly 60 min",
            F(0.15, (21, 10, 0)),
            {"kind": "tip", "gid": G3, "who": res(G3, "Thôn Hạ"),
             "text": "nha em o thon Ha bi mat trom con bo dem qua",
             "resp": [{"mode": "mention", "idx": 0, "delay": 3600000, "off": C}]}, "60.0")
        tip("S5 tip in Thon Thuong (exactly 10 residents), answered after exactly 24 h",
            F(0.2, (8, 30, 0)),
            {"kind": "tip", "gid": G3, "who": res(G3, "Thôn Thượng"),
             "text": "Có người lạ đi xe không biển số hỏi đường vào Thôn Thượng",
             "resp": [{"mode": "quote", "idx": 0, "delay": 86400000, "off": C}]}, "1440.0")
        tip("S5b answered after exactly 4 h", F(0.22, (10, 15, 0)),
            {"kind": "tip", "gid": G3, "who": res(G3, "Thôn 2"),
             "text": "Có người gọi điện giả danh công an xã yêu cầu em chuyển tiền",
             "resp": [{"mode": "quote", "idx": 0, "delay": 14400000, "off": C}]}, "240.0")
        tip("S6 answered 24 h + 1 ms later", F(0.24, (14, 0, 0)),
            {"kind": "tip", "gid": G3, "who": res(G3, "Tổ dân phố 5"),
             "text": "Có người đổ rác thải xuống mương ở đầu thôn",
             "resp": [{"mode": "quote", "idx": 0, "delay": 86400001, "off": C}]}, "1440.0")
        tip("S7 a tip recalled (PC type 20 in one copy) and sent again 40 s later", F(0.55, (16, 20, 0)),
            {"kind": "tip", "gid": G1, "who": res(G1),
             "recall_first": "Nhà em vừa bị trộm con chó", "recall_mode": "pc1",
             "text": "Nhà em vừa bị mất trộm con chó ở xóm Đông ạ",
             "resp": [{"mode": "quote", "idx": 0, "delay": 720000, "off": A}]}, "12.0")
        tip("S8 trưởng thôn relays a tip; answered by a quote carrying only cliMsgId (globalMsgId 0)",
            F(0.3, (9, 5, 0)),
            {"kind": "tip", "gid": G2, "who": self.staff[0],
             "text": "Trưởng thôn báo: tối qua có vụ va chạm giữa xe tải và xe máy ở ngã ba chợ",
             "resp": [{"mode": "quote", "idx": 0, "delay": 420000, "off": B, "clionly": True}]}, "7.0")
        um = [s for s in self.by_role[G1]["unmatched"] if " - Thôn 2" in s.name] or \
            self.by_role[G1]["unmatched"]
        tip("S9 unmatched sender (thon guessed from the name) tip, never answered",
            F(0.45, (22, 30, 0)),
            {"kind": "tip", "gid": G1, "who": um[0],
             "text": "Phát hiện đối tượng lạ cạy cửa nhà hàng xóm, mọi người cẩn thận"}, "")
        tip("S10 question without diacritics (cccd) by a uid-less resident, @mention after 2 h",
            F(0.12, (19, 0, 0)),
            {"kind": "question", "gid": G2, "who": res(G2, None, "uidless"),
             "text": "cho em hoi lam cccd cho con o dau a",
             "resp": [{"mode": "mention", "idx": 0, "delay": 7200000, "off": A}]}, "120.0")
        t16 = F(0.35, (19, 0, 0))
        w16 = res(G1)
        tip("S16a first tip of a tipster: answered by a later quote (5 h), not by the @mention",
            t16, {"kind": "tip", "gid": G1, "who": w16,
                  "text": "Thấy có người lạ lảng vảng quanh nhà văn hóa",
                  "resp": [{"mode": "quote", "idx": 0, "delay": 5 * 3600000, "off": A}]}, "300.0")
        tip("S16b second tip 2 h later: the @mention at +3 h answers it", t16 + 2 * 3600000,
            {"kind": "tip", "gid": G1, "who": w16, "text": "Lại thấy xe ô tô khả nghi đỗ ở đầu ngõ",
             "resp": [{"mode": "mention", "idx": 0, "delay": 3600000, "off": A}]}, "60.0")
        tip("S17 acknowledged by an officer reaction, never answered", F(0.38, (7, 45, 0)),
            {"kind": "tip", "gid": G3, "who": res(G3),
             "text": "Có người đổ rác thải ra bờ sông", "ack": (300000, 0, C)}, "")
        stf = [s for s in self.by_role[G2]["staff"]]
        tip("S25 a staff member quotes the tip first (not a response); officer quote after 50 min",
            F(0.6, (10, 0, 0)),
            {"kind": "tip", "gid": G2, "who": res(G2),
             "text": "Nhà bác Hải bị kẻ gian móc túi ở chợ phiên",
             "noise": [(180000, stf[0], "Để em báo công an xã")],
             "resp": [{"mode": "quote", "idx": 0, "delay": 3000000, "off": A}]}, "50.0")
        if len(self.mb) > 2:
            t = self.mb[1] - 300000 + 137
            tip("S13 tip at 23:55 on a month's last day, answered 25 min later in the next month",
                t, {"kind": "tip", "gid": G1, "who": res(G1),
                    "text": "Có tai nạn xe máy ở dốc cầu, có người bị thương nặng",
                    "resp": [{"mode": "quote", "idx": 0, "delay": 1500000, "off": A}]}, "25.0")
        # everyday phrases that must not be tips
        t = F(0.09, (9, 0, 0))
        for i, s in enumerate(IGNORE_CHAT):
            self.at(t + i * 1800000, self.ev_emit, self.make(G1, r.choice(self.pool[G1]), "text", s))
        # keywords in file names, link titles, poll questions: not text, not tips
        t = F(0.27, (15, 0, 0))
        self.at(t, self.ev_emit, self.make(G3, res(G3), "file", KW_FILES[0]))
        self.at(t + 600000, self.ev_emit, self.make(G3, res(G3), "poll", KW_POLLS[0]))
        self.at(t + 1200000, self.ev_emit, self.make(G1, res(G1), "link", KW_LINKS[0]))
        # officer post with exact 72 h boundaries
        rs = list(self.by_role[G3]["resident"])
        r.shuffle(rs)
        rs = (rs * 8)[:8]
        st3 = self.by_role[G3]["staff"][0]
        self.post_plan = {
            "name": "S12 officer post with @all", "reactions": 3, "replies": 3,
            "engaged": len({rs[0].uid, rs[4].uid, st3.uid, rs[5].uid, rs[6].uid})}
        self.at(F(0.18, (20, 0, 0)), self.ev_post, {
            "gid": G3, "off": C, "kind": "text", "all": True, "plan": self.post_plan,
            "text": "Công an xã thông báo: cảnh giác thủ đoạn lừa đảo tuyển cộng tác viên online",
            "reacts": [(600000, rs[0], ICONS[0]), (3600000, rs[1], ICONS[1]),
                       (3 * 3600000, rs[1], ("", 0)), (259200000, st3, ICONS[0]),
                       (259200001, rs[2], ICONS[0]), (7200000, rs[4], ICONS[0]),
                       (18000000, rs[4], ICONS[1])],
            "replies": [(1800000, rs[5], REPLY[0]), (3600000, C, "Bà con chú ý nhé"),
                        (259199000, rs[6], REPLY[1]), (259200001, rs[7], REPLY[2])]})
        # messages without msgId (identity by group, sender, cliMsgId), in two archives
        t = F(0.2, (15, 0, 0))
        w = res(G3)
        for i in range(2):
            m = self.make(G3, w, "sticker")
            m.nomid = True
            self.at(t + i * 120000, self.ev_emit, m)
        # messages that exist only in the entry holding the bad records
        for i in range(3):
            self.at(self.bad_rng[0] + (i + 1) * 3600000 + 4321, self.ev_emit,
                    self.make(G3, res(G3), "text", r.choice(FILLER)))
        # member events: one join naming five members, a leave, a removal
        t = F(0.11, (20, 30, 0))
        mem = [(self.new_uid(), self.person_name()) for _ in range(5)]
        self.at(t, self.member_event, G3, "join", C.uid, mem)
        s = res(G3)
        self.at(t + DAY_MS, self.member_event, G3, "leave", s.uid, [(s.uid, s.name)])
        self.at(t + 2 * DAY_MS, self.member_event, G3, "remove_member", C.uid, [mem[0], mem[1]])
        # roster matching edge cases post now and then
        t = F(0.04, (12, 0, 0))
        for i, (s, dn) in enumerate([(self.s_shared, None), (self.s_double, self.s_double.names[0]),
                                     (self.s_double, self.s_double.names[1]), (self.s_alt1, None),
                                     (self.s_alt2, None), (self.s_shared, None)]):
            m = self.make(G1, s, "text", r.choice(FILLER))
            if dn:
                m.dn = dn
            self.at(t + i * 7 * DAY_MS // 2, self.ev_emit, m)

    # ---- main loop
    def run(self, jobs=None):
        """Generate month by month (each month its own random stream, so the
        result does not depend on how many worker processes run them)."""
        global _GEN
        r = self.rng
        est_script = 70 if self.N >= 300 else 0
        self.slots = max(1, int(round((self.N - est_script) / 1.10)))
        self.dw = []
        for d in range(self.ndays):
            wd = (day_of(self.t0) + d + 3) % 7
            self.dw.append(WEEKDAY_W[wd] * r.uniform(0.6, 1.4) * (2.2 if r.random() < 0.03 else 1.0))
        self.hc = []
        acc = 0.0
        for w in HOUR_W:
            acc += w
            self.hc.append(acc)
        self.specs = self._sink_specs()
        self.rng0, self.uids0, self.mid0 = self.rng, set(self.uids), self.mid
        M = len(self.mb) - 1
        if jobs is None:
            jobs = min(M, os.cpu_count() or 1) if self.N >= 20000 else 1
        if jobs > 1:
            import multiprocessing
            _GEN = self
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                res = pool.map(_chunk_worker, range(M), chunksize=1)
            _GEN = None
        else:
            res = [self._run_chunk(k) for k in range(M)]
        self.rng, self.uids, self.mid = self.rng0, self.uids0, self.mid0 + (M + 1) * 10 ** 10
        self.part_n = Counter()
        self.web_forms = Counter()
        for k in ("nmsg", "n_private", "n_other", "n_undo", "n_react", "n_events"):
            setattr(self, k, sum(x[k] for x in res))
        self.plans = [p for x in res for p in x["plans"]]
        self.post_plan = next((x["post_plan"] for x in res if x["post_plan"]), None)
        A, B = self.A.uid, self.B.uid
        self.pics = {A: [], B: []}
        self.priv_peers = {A: [], B: []}
        for x in res:
            for u in (A, B):
                self.pics[u] += x["pics"][u][:max(0, 120 - len(self.pics[u]))]
                for p in x["priv_peers"][u]:
                    if p not in self.priv_peers[u] and len(self.priv_peers[u]) < 6:
                        self.priv_peers[u].append(p)
            self.part_n.update(x["n"])
            self.web_forms.update(x["forms"])
        for name, final, fmt, owner, asc in self.specs:
            assemble(final, fmt, [os.path.join(self.tmp, "parts", str(k), name) for k in range(M)])
        shutil.rmtree(os.path.join(self.tmp, "parts"), ignore_errors=True)
        self.bad_path = dict((s[0], s[1]) for s in self.specs)["bad"]

    def _run_chunk(self, k):
        A, B = self.A.uid, self.B.uid
        self.rng = r = random.Random("bhgen/%d/%d" % (self.a.seed, k))
        self.uids = set(self.uids0)
        self.heap, self.seq, self.last_ts, self.last_cli = [], 0, 0, 0
        self.mid = self.mid0 + k * 10 ** 10
        self.nmsg = self.n_private = self.n_other = self.n_undo = self.n_react = self.n_events = 0
        self.web_forms = Counter()
        self.plans, self.post_plan = [], None
        self.pics, self.priv_peers = {A: [], B: []}, {A: [], B: []}
        self.ring = {g: deque(maxlen=40) for g in self.gorder}
        self._sinks(k)
        lo, hi = self.mb[k], self.mb[k + 1]
        if self.N >= 300:
            self.at_win = (lo, hi)
            self._scripted()
        self.at_win = None
        tot = sum(self.dw)
        hc, acc = self.hc, self.hc[-1]
        carry = 0.0
        for d in range((lo - self.t0) // DAY_MS, (hi - self.t0) // DAY_MS):
            day0 = self.t0 + d * DAY_MS
            x = self.slots * self.dw[d] / tot + carry
            n = int(x)
            carry = x - n
            times = []
            for _ in range(n):
                h = bisect.bisect_right(hc, r.random() * acc)
                times.append(day0 + min(h, 23) * 3600000 + r.randrange(3600000))
            times.sort()
            for t in times:
                self.at(t, self.ev_slot)
            self._drain(day0 + DAY_MS)
        self._drain(self.t_end)
        for s in self.sinks.values():
            s.close()
        return {"nmsg": self.nmsg, "n_other": self.n_other,
                "n_private": self.n_private + sum(s.npriv for s in self.sinks.values()),
                "n_undo": self.n_undo, "n_react": self.n_react, "n_events": self.n_events,
                "plans": self.plans,
                "post_plan": self.post_plan if self.post_plan and "mid" in self.post_plan else None,
                "pics": self.pics, "priv_peers": self.priv_peers,
                "n": {name: s.n for name, s in self.sinks.items()},
                "forms": self.web_forms + sum((s.shapes for s in self.sinks.values()), Counter())}

    def _drain(self, limit):
        h = self.heap
        pop = heapq.heappop
        while h and h[0][0] < limit:
            ts, _, fn, args = pop(h)
            fn(ts, *args)

    # ---- finishing: conversations, pictures, bad records, roster
    def finish(self):
        r = self.rng
        self.n_conv = 0
        for tag, me in (("A", self.A), ("B", self.B)):
            u = me.uid
            base = os.path.join(self.tmp, tag)
            with open(os.path.join(base, u, "ZaloDownloads", "database", u + "_zconversation.zdb"),
                      "w", encoding="utf-8", newline="\n") as f:
                for g in [self.G1, self.G2] + self.extra:
                    f.write(jd({"userId": "g" + g, "name": self.gname[g], "type": 1}) + "\n")
                    self.n_conv += 1
                for pu, pn in self.priv_peers[u]:
                    f.write(jd({"userId": pu, "name": pn, "type": 0}) + "\n")
                    self.n_conv += 1
                    self.n_private += 1
            for gid, mid, h, size in self.pics[u]:
                p = os.path.join(base, u, "ZaloDownloads", "picture", "g%s_group" % gid,
                                 "z%d_%032x.jpg" % (mid, h))
                os.makedirs(os.path.dirname(p), exist_ok=True)
                with open(p, "wb") as f:
                    f.write(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + r.randbytes(size) + b"\xff\xd9")
            with open(os.path.join(base, "Index.db"), "wb") as f:
                f.write(r.randbytes(8192))
        # the bad records, each on its own line between good ones
        good = open(self.bad_path, encoding="utf-8").read().splitlines()
        bad = []
        self.bad_desc = []
        who = self.by_role[self.G3]["resident"][0]
        for i in range(self.a.bad):
            self.mid += 5
            ts = self.bad_rng[0] + 600000 * (i + 1) + 11
            full = ('{"actionId":"%d","msgId":"%d","cliMsgId":"%d","msgType":"webchat","uidFrom":"%s",'
                    '"idTo":"%s","dName":%s,"ts":"%d","status":1,"content":%s,"ttl":0,"mentions":null}'
                    % (self.mid + 131, self.mid, ts - 200, who.uid, self.G3, js(who.name), ts,
                       js("Nhà em bị mất trộm xe máy đêm qua")))
            k = i % 4
            if k == 0:
                line = full[:full.index('"content"') + 18]
                why = "invalid JSON (record cut off inside a string)"
            elif k == 1:
                line = full.replace(',"idTo":"%s"' % self.G3, "")
                why = "no idTo (thread id)"
            elif k == 2:
                line = full.replace(',"ts":"%d"' % ts, "").replace('"cliMsgId":"%d",' % (ts - 200), "")
                why = "no time (no ts, no cliMsgId)"
            else:
                line = "<<< archiver: connection reset, partial write >>>"
                why = "invalid JSON (not JSON at all)"
            bad.append(line)
            self.bad_desc.append("line %%d: msgId %d: %s" % (self.mid, why))
        out = []
        bi = gi = 0
        while bi < len(bad) or gi < len(good):
            if bi < len(bad) and (gi >= len(good) or bi <= gi):
                self.bad_desc[bi] = self.bad_desc[bi] % (len(out) + 1)
                out.append(bad[bi])
                bi += 1
            else:
                out.append(good[gi])
                gi += 1
        with open(self.bad_path, "w", encoding="utf-8", newline="\n") as f:
            f.write("".join(x + "\n" for x in out))
        self.n_records = sum(self.part_n.values()) + self.n_conv + len(bad)
        self.write_roster(os.path.join(self.out, "roster.csv"))

    def write_roster(self, path):
        r = self.rng
        lines = ["uid;name;phone;thon;role"]
        for rw in self.rows:
            out = []
            for i, f in enumerate([rw["uid"], rw["name"], rw["phone"], rw["thon"], rw["spell"]]):
                if any(c in f for c in ';"\r\n') or (i == 1 and r.random() < 0.05):
                    f = '"' + f.replace('"', '""') + '"'
                out.append(f)
            lines.append(";".join(out))
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("\ufeff" + "\r\n".join(lines) + "\r\n")

    # ---- archives (deterministic: fixed times, owners, order)
    def pack(self, jobs=None):
        ex = os.path.join(self.out, "exports")
        os.makedirs(ex, exist_ok=True)
        t = self.tmp

        def tree(root):
            out = []
            for dp, dn, fn in os.walk(root):
                for f in fn:
                    p = os.path.join(dp, f)
                    out.append((os.path.relpath(p, root).replace(os.sep, "/"), p))
            return sorted(out)
        big = self.N > 20000
        tasks = [
            ("zip", tree(os.path.join(t, "A")), os.path.join(ex, "backup_%s.zip" % self.A.uid), big),
            ("tgz", tree(os.path.join(t, "B")), os.path.join(ex, "backup_%s.tar.gz" % self.B.uid), big),
            ("txz", tree(os.path.join(t, "W")), os.path.join(ex, "archiver_web.tar.xz"), big),
            ("monthly", self.mon_paths,
             os.path.join(ex, "monthly_web.zip"), big),
        ]
        if jobs is None:
            jobs = min(len(tasks), os.cpu_count() or 1)
        if jobs > 1:
            import multiprocessing
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                pool.starmap(pack_one, tasks)
        else:
            for tk in tasks:
                pack_one(*tk)


def _zip_write(zf, arc, path, stored):
    zi = zipfile.ZipInfo(arc, date_time=FIXED_DT)
    zi.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    zi._compresslevel = zf.compresslevel
    zi.external_attr = 0o100644 << 16
    zi.create_system = 3
    zi.file_size = os.path.getsize(path)
    with open(path, "rb") as f, zf.open(zi, "w") as w:
        shutil.copyfileobj(f, w, 1 << 20)


def _tar_write(fileobj, entries):
    with tarfile.open(fileobj=fileobj, mode="w", format=tarfile.GNU_FORMAT) as tf:
        for arc, path in entries:
            ti = tarfile.TarInfo(arc)
            ti.size = os.path.getsize(path)
            ti.mtime = FIXED_MTIME
            ti.mode = 0o644
            ti.uid = ti.gid = 0
            ti.uname = ti.gname = "root"
            with open(path, "rb") as f:
                tf.addfile(ti, f)


def pack_one(kind, entries, out, big):
    part = out + ".part"
    if kind == "zip":
        with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED, compresslevel=1 if big else 6) as zf:
            for arc, p in entries:
                _zip_write(zf, arc, p, p.endswith(".jpg") or p.endswith(".db"))
    elif kind == "tgz":
        with open(part, "wb") as raw:
            gz = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0,
                               compresslevel=1 if big else 6)
            _tar_write(gz, entries)
            gz.close()
    elif kind == "txz":
        with open(part, "wb") as raw:
            xz = lzma.LZMAFile(raw, "wb", preset=0 if big else 6)
            _tar_write(xz, entries)
            xz.close()
    else:
        with zipfile.ZipFile(part, "w", zipfile.ZIP_STORED) as zf:
            for lab, p in entries:
                name = os.path.basename(p)
                tgz = p + ".tar.gz"
                with open(tgz, "wb") as raw:
                    gz = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0,
                                       compresslevel=1 if big else 6)
                    _tar_write(gz, [(name, p)])
                    gz.close()
                _zip_write(zf, "web_%s.tar.gz" % name[:-len(".ndjson")], tgz, True)
    os.replace(part, out)


# ================================================================ driver
def default_periods(start, months):
    s = date.fromisoformat(start)
    out = []
    y, m = add_months(s.year, s.month, 1 if months >= 2 else 0)
    out.append("%04d-%02d" % (y, m))
    y, m = add_months(s.year, s.month, 3 if months >= 6 else 0)
    out.append("%04d-Q%d" % (y, (m - 1) // 3 + 1))
    out.append("%04d-H%d" % (s.year, 1 if s.month <= 6 else 2))
    d0 = s + timedelta(days=9)
    d1 = min(s + timedelta(days=50), date(*add_months(s.year, s.month, months), 1) - timedelta(days=1))
    out.append("%s..%s" % (d0.isoformat(), max(d0, d1).isoformat()))
    return ",".join(out)


def guess_thon(name, thons):
    f = fold_name(name)
    for th in thons:
        if fold_name(th) in f:
            return th
    return ""


def expected(out, a, periods, gen=None):
    ref = Ref(Lexicon())
    ex = os.path.join(out, "exports")
    for f in sorted(os.listdir(ex)):
        ref.read_path(os.path.join(ex, f))
    roster = read_roster(os.path.join(out, "roster.csv"))
    ref.analyse(roster, min_thon=a.min_thon_members)
    ed = os.path.join(out, "expected")
    write_csv(os.path.join(ed, "ingest.csv"), ["metric", "value"], ref.ingest_rows())
    for P in periods:
        ref.write_period(os.path.join(ed, P.label), P)
    return ref


def plan_checks(g, ref):
    """Compare what the generator planted with what the rules say."""
    out = []
    byid = {t["id"]: t for t in ref.tips}
    for p in g.plans:
        t = byid.get(str(p["mid"]))
        if t is None:
            out.append(("not ok", p["name"], "tip %s not found" % p["mid"]))
            continue
        got = fmt_tenths(tenths_min(t["resp"] - t["ts"])) if t["resp"] is not None else ""
        st = "ok" if got == p["expect"] else "DIFFERS"
        out.append((st, p["name"], "tip %s: response_min %r (planned %r)" % (p["mid"], got, p["expect"])))
    if g.post_plan and "mid" in g.post_plan:
        pp = g.post_plan
        for po in ref.posts:
            if po["m"][M_MID] == str(pp["mid"]):
                got = (len(po["reactors"]), po["replies"], len(po["engaged"]))
                want = (pp["reactions"], pp["replies"], pp["engaged"])
                out.append(("ok" if got == want else "DIFFERS", pp["name"],
                            "post %s: reactions/replies/engaged %s (planned %s)" % (pp["mid"], got, want)))
    return out


def generate(a):
    t_begin = time.time()
    out = a.out
    os.makedirs(out, exist_ok=True)
    for sub in ("exports", "expected", ".bhgen-tmp"):
        shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
    periods = [Period.parse(p, a.cutoff_day if not re.search(r"\.\.", p) else None)
               for p in (a.periods or default_periods(a.start, a.months)).split(",") if p.strip()]
    g = Gen(a)
    g.run(a.jobs)
    g.finish()
    t_gen = time.time()
    g.pack(a.jobs)
    shutil.rmtree(g.tmp, ignore_errors=True)
    t_pack = time.time()
    ref = None
    checks = []
    if not a.no_expected:
        ref = expected(out, a, periods, g)
        problems = []
        if ref.records != g.n_records:
            problems.append("records: reference read %d, generator wrote %d" % (ref.records, g.n_records))
        if ref.rejected != a.bad:
            problems.append("rejected: reference %d, --bad %d" % (ref.rejected, a.bad))
        if ref.private != g.n_private:
            problems.append("private: reference %d, generator %d" % (ref.private, g.n_private))
        if len(ref.sorted) != g.nmsg:
            problems.append("messages: reference %d, generator emitted %d" % (len(ref.sorted), g.nmsg))
        if problems:
            for p in problems:
                print("bhgen: internal error: " + p, file=sys.stderr)
            sys.exit(3)
        checks = plan_checks(g, ref)
    t_end = time.time()
    write_scenario(g, a, periods, ref, checks, out)
    if not a.quiet:
        print("bhgen: %d messages, %d records in %s (generate %.1fs, pack %.1fs, expected %.1fs)" % (
            g.nmsg, g.n_records, out, t_gen - t_begin, t_pack - t_gen, t_end - t_pack))
        for st, name, what in checks:
            if st != "ok":
                print("bhgen: note: planted case differs (accidental interaction): %s: %s" % (name, what))
    return g, ref


def write_scenario(g, a, periods, ref, checks, out):
    L = []
    w = L.append
    w("bhgen scenario (seed %d, --messages %d, --start %s, --months %d, --bad %d%s)" % (
        a.seed, a.messages, a.start, a.months, a.bad,
        ", --cutoff-day %d" % a.cutoff_day if a.cutoff_day else ""))
    w("")
    w("time span: %s .. %s (local, UTC+07:00)" % (iso_ts(g.t0), iso_ts(g.t_end - 1)))
    w("messages emitted (distinct): %d" % g.nmsg)
    w("records written (all archives): %d" % g.n_records)
    w("private 1:1 records (never stored; messages and private conversation lines): %d" % g.n_private)
    w("pin/delete rows (PC -1909/-27, not messages): %d" % g.n_other)
    w("reaction rows: %d, undo rows: %d, member-event rows: %d (counting copies)" % (
        g.n_react, g.n_undo, g.n_events))
    w("Web rows as archivers save them (formats.md 2), top-level values and rows:")
    for k in sorted(g.web_forms):
        w("  %s: %d" % (k, g.web_forms[k]))
    w("")
    w("officer A (owner of backup_%s.zip, its own messages say fromUid \"0\"): %s %s" % (g.A.uid, g.A.uid, g.A.name))
    w("officer B (owner of backup_%s.tar.gz): %s %s" % (g.B.uid, g.B.uid, g.B.name))
    w("officer C (no backup): %s %s" % (g.C.uid, g.C.name))
    w("")
    w("groups:")
    w("  %s  %s  (PC backups A and B; Web archiver_web.tar.xz web/g%s.ndjson %s..%s)" % (
        g.G1, g.gname[g.G1], g.G1, iso_ts(g.w1_rng[0])[:10], iso_ts(g.w1_rng[1] - 1)[:10]))
    w("  %s  %s  (PC backups only)" % (g.G2, g.gname[g.G2]))
    w("  %s  (no name: Web only; archiver_web.tar.xz part1 array / part2 groupMsgs, monthly_web.zip)" % g.G3)
    for x in g.extra:
        w("  %s  %s  (PC backups only)" % (x, g.gname[x]))
    w("")
    w("coverage: backup A %s..%s, backup B %s..%s" % (
        iso_ts(g.a_rng[0])[:10], iso_ts(g.a_rng[1] - 1)[:10], iso_ts(g.b_rng[0])[:10],
        iso_ts(g.b_rng[1] - 1)[:10]))
    w("")
    w("bad records: exports/archiver_web.tar.xz entry web/bad.ndjson (%d), each on its own line:" % a.bad)
    for d in g.bad_desc:
        w("  " + d)
    w("  the same entry holds good Web rows of group %s between %s and %s that exist nowhere else"
      % (g.G3, iso_ts(g.bad_rng[0]), iso_ts(g.bad_rng[1])))
    w("")
    w("roster: %d rows (%d residents); small thon: Thôn Hạ 7, Tổ dân phố 5 9 residents (+ none), "
      "Thôn Thượng exactly 10" % (len(g.rows), sum(1 for r in g.rows if r["role"] == "resident")))
    w("  uid-less rows with a name shared by two rows: %r (sender %s matches nobody)" % (
        g.s_shared.name, g.s_shared.uid))
    w("  one sender (%s) posts under two uid-less names %r, %r: matches nobody" % (
        g.s_double.uid, g.s_double.names[0], g.s_double.names[1]))
    w("  one uid-less member with two Zalo accounts: %s and %s (%r)" % (
        g.s_alt1.uid, g.s_alt2.uid, g.s_alt1.name))
    w("  senders not in the roster: %d; guessable thon names: %s" % (
        len(g.unmatched), ", ".join(repr(s.name) for s in g.unmatched
                                    if guess_thon(s.name, THON))))
    w("")
    w("periods: " + ", ".join("%s = %s..%s" % (P.label, P.d0, P.d1) for P in periods))
    if ref is not None:
        w("")
        w("expected/ingest.csv:")
        for k, v in ref.ingest_rows():
            w("  %s,%s" % (k, v))
    if checks:
        w("")
        w("planted cases (generator plan vs the reference's rules):")
        for st, name, what in checks:
            w("  [%s] %s: %s" % (st, name, what))
    with open(os.path.join(out, "scenario.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(L) + "\n")


# ================================================================ self-test
def selftest():
    import tempfile
    res = {"ok": 0, "fail": 0}

    def check(name, got, want):
        if got == want:
            res["ok"] += 1
            print("ok - %s" % name)
        else:
            res["fail"] += 1
            print("not ok - %s: got %r, want %r" % (name, got, want))

    def table(path):
        with open(path, encoding="utf-8") as f:
            t = f.read()
        assert t.startswith("\ufeff"), path
        import csv
        rows = list(csv.reader(io.StringIO(t[1:])))
        return rows[0], rows[1:]

    # 1. the reference model on the hand-worked samples
    sd = os.path.join(REPO, "tests", "fixtures", "samples")
    ref = Ref(Lexicon())
    for f in ("pc_backup_zmessage.zdb", "pc_backup_zconversation.zdb", "web_group_messages.json"):
        ref.read_path(os.path.join(sd, f))
    roster = read_roster(os.path.join(sd, "roster.csv"))
    ref.analyse(roster)
    ing = dict(ref.ingest_rows())
    check("samples: records read", ing["records"], 15)
    check("samples: private chat skipped", ing["private_skipped"], 1)
    check("samples: rejected", ing["rejected"], 0)
    check("samples: reactions", ing["reactions"], 1)
    check("samples: member events", ing["member_events"], 1)
    with tempfile.TemporaryDirectory() as td:
        ref.write_period(td, Period.parse("2024-03"))
        h, rows = table(os.path.join(td, "summary.csv"))
        check("samples: summary header", h, ["metric", "value", "prev_value", "last_year_value"])
        S = {r[0]: r[1] for r in rows}
        want = {"period_start": "2024-03-01", "period_end": "2024-03-31", "groups": "1",
                "messages": "11", "senders": "3", "members": "4", "active_members": "1",
                "participation_pct": "25.0", "officer_posts": "1", "tips": "2",
                "tips_answered": "2", "tips_answered_pct": "100.0",
                "tip_response_median_min": "22.5", "tip_response_p90_min": "24.5",
                "tips_within_15m_pct": "0.0", "tips_within_1h_pct": "100.0",
                "tips_within_24h_pct": "100.0", "tips_acknowledged": "0",
                "tip_ack_median_min": "", "questions": "1", "questions_answered": "1",
                "questions_answered_pct": "100.0", "question_response_median_min": "30.0",
                "joins": "1", "leaves": "0"}
        for k, v in want.items():
            check("samples: summary %s" % k, S.get(k), v)
        check("samples: every prev_value and last_year_value empty",
              [(r[2], r[3]) for r in rows if r[2] or r[3]], [])
        _, rows = table(os.path.join(td, "message_types.csv"))
        check("samples: message types", rows, [["text", "8"], ["photo", "2"], ["file", "1"]])
        _, rows = table(os.path.join(td, "thon.csv"))
        T = {r[0]: r[1:] for r in rows}
        check("samples: thon 3", T.get("Thôn 3"), ["1", "1", "100.0", "3", "", "", "", ""])
        check("samples: thon 1", T.get("Thôn 1"), ["2", "0", "0.0", "0", "", "", "", ""])
        check("samples: thon 2", T.get("Thôn 2"), ["1", "0", "0.0", "0", "", "", "", ""])
        _, rows = table(os.path.join(td, "internal_tips.csv"))
        check("samples: internal tips",
              [(r[0], r[4], r[5], r[6], r[7], r[9]) for r in rows],
              [("2301000000103", "NB-0001", "trom_cap", "tip", "1", "25.0"),
               ("2301000000106", "NB-0002", "thu_tuc", "question", "1", "30.0"),
               ("2301000000201", "NB-0001", "nghi_van", "tip", "1", "20.0")])
        _, rows = table(os.path.join(td, "officer_posts.csv"))
        check("samples: officer posts", [(r[0], r[1], r[2]) for r in rows],
              [("2301000000101", "2024-03-01T09:00:00+07:00", "lua_dao")])
        _, rows = table(os.path.join(td, "membership.csv"))
        check("samples: membership", rows, [["2024-03-02", "1", "0"]])
        _, rows = table(os.path.join(td, "groups.csv"))
        check("samples: groups", rows, [["4411205930127745519",
                                         "Zalo kết nối bình yên - xã Bùi La Nhân",
                                         "2024-03-01T09:00:00+07:00",
                                         "2024-03-02T10:26:40+07:00", "11", "3"]])
        _, rows = table(os.path.join(td, "heatmap.csv"))
        check("samples: heatmap has 168 cells adding up to 11",
              (len(rows), sum(int(r[2]) for r in rows)), (168, 11))
        _, rows = table(os.path.join(td, "response_buckets.csv"))
        check("samples: response buckets",
              [(r[0], r[1], r[2]) for r in rows if r[2] != "0"],
              [("tip", "15-60m", "2"), ("question", "15-60m", "1")])
    check("samples: Hoa - Thôn 2 is unmatched, guessed thôn",
          (ref.sinfo["6020959792036905359"][0], guess_thon("Hoa - Thôn 2", ref.thons)),
          ("unmatched", "Thôn 2"))

    # 2. rule details
    lx = Lexicon()
    for text, want in [("bị trộm xe", ("trom_cap", "tip")), ("trộmx xe", None),
                       ("trộm vía con ngoan", None), ("nha em bi trom xe", None),
                       ("nha em bi mat trom xe", ("trom_cap", "tip")),
                       ("mai di an chay", None), ("#phananh duong hong", ("khac", "tip")),
                       ("làm CCCD ở đâu", ("thu_tuc", "question")),
                       ("cả nhà cùng nổ lực", None), ("nghe tiếng nổ", ("chay_no", "tip")),
                       ("mất trộm và căn cước", ("trom_cap", "tip"))]:
        check("lexicon: %r" % text, lx.classify(text), want)
    check("tenths: 1503000 ms", tenths_min(1503000), 251)
    check("tenths: 2999 ms", tenths_min(2999), 0)
    check("percentile of [200,250]", (percentile_tenths([200, 250], Fraction(1, 2)),
                                      percentile_tenths([200, 250], Fraction(9, 10))), (225, 245))
    check("pct 1/3", fmt_tenths(pct_tenths(1, 3)), "33.3")
    check("pct 1/8 rounds half up", fmt_tenths(pct_tenths(1, 8)), "12.5")
    check("pct 1/16 rounds half up", fmt_tenths(pct_tenths(1, 16)), "6.3")
    P = Period.parse("2024-03", 15)
    check("cut-off 15: 2024-03", (P.d0.isoformat(), P.d1.isoformat()), ("2024-02-15", "2024-03-14"))
    P = Period.parse("2024-H1", 15)
    check("cut-off 15: 2024-H1", (P.d0.isoformat(), P.d1.isoformat(), P.prev().d0.isoformat()),
          ("2023-12-15", "2024-06-14", "2023-06-15"))
    P = Period.parse("2024-01-10..2024-02-20")
    check("explicit previous", (P.prev().d0.isoformat(), P.prev().d1.isoformat()),
          ("2023-11-29", "2024-01-09"))
    check("quarter previous", Period.parse("2024-Q1").prev().name(), "2023-Q4")

    # 3. the generator: deterministic, and its records are what the reference reads
    with tempfile.TemporaryDirectory() as td:
        digests = []
        for i in range(2):
            o = os.path.join(td, "run%d" % i)
            a = parse_args(["--out", o, "--messages", "800", "--seed", "7", "--quiet"])
            g, ref = generate(a)
            h = []
            for dp, dn, fn in sorted(os.walk(o)):
                dn.sort()
                for f in sorted(fn):
                    p = os.path.join(dp, f)
                    with open(p, "rb") as fh:
                        h.append((os.path.relpath(p, o), fh.read()))
            digests.append(h)
        check("generator: same seed, byte-identical output", digests[0] == digests[1], True)
        check("generator: rejected records = --bad", ref.rejected, 5)
        ing = dict(ref.ingest_rows())
        check("generator: message count near --messages", abs(ing["messages"] - 800) < 160, True)
        for st, name, what in plan_checks(g, ref):
            check("generator planted case: %s (%s)" % (name, what), st, "ok")
        want_files = ["groups.csv", "heatmap.csv", "internal_tips.csv", "membership.csv",
                      "message_types.csv", "officer_posts.csv", "response_buckets.csv",
                      "summary.csv", "thon.csv", "tip_categories.csv", "tips_monthly.csv",
                      "weekly.csv"]
        per = os.path.join(td, "run0", "expected", "2024-02")
        check("generator: period tables", sorted(os.listdir(per)), want_files)
        for f in sorted(os.listdir(os.path.join(td, "run0", "exports"))):
            p = os.path.join(td, "run0", "exports", f)
            if f.endswith(".zip"):
                with zipfile.ZipFile(p) as z:
                    check("generator: %s tests clean" % f, z.testzip(), None)
            else:
                with tarfile.open(p) as t:
                    check("generator: %s lists" % f, len(t.getnames()) > 0, True)
    print("%d passed, %d failed" % (res["ok"], res["fail"]))
    return 0 if res["fail"] == 0 else 1


def parse_args(argv=None):
    p = argparse.ArgumentParser(description="Deterministic synthetic Zalo exports and expected "
                                "figures for binhyen (tests/gen/README.md).")
    p.add_argument("--out", help="output folder")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--messages", type=int, default=3000, help="approximate distinct messages")
    p.add_argument("--start", default="2024-01-01", help="first local day (YYYY-MM-DD)")
    p.add_argument("--months", type=int, default=6)
    p.add_argument("--bad", type=int, default=5, help="bad records in web/bad.ndjson")
    p.add_argument("--periods", default=None,
                   help="comma-separated periods (default: derived from --start/--months)")
    p.add_argument("--cutoff-day", type=int, default=None)
    p.add_argument("--no-expected", action="store_true", help="skip the reference figures")
    p.add_argument("--min-thon-members", type=int, default=10)
    p.add_argument("--quiet", action="store_true")
    p.add_argument("--jobs", type=int, default=None,
                   help="worker processes (default: CPUs; the output does not depend on it)")
    p.add_argument("--selftest", action="store_true",
                   help="check the reference model on tests/fixtures/samples and the generator")
    a = p.parse_args(argv)
    if a.selftest:
        return a
    if not a.out:
        p.error("--out is required")
    if a.cutoff_day is not None and not 1 < a.cutoff_day <= 28:
        p.error("--cutoff-day must be 2..28")
    if a.bad < 0 or a.months < 1 or a.messages < 1:
        p.error("--bad, --months, --messages must be positive")
    try:
        date.fromisoformat(a.start)
        for x in (a.periods or "").split(","):
            if x.strip():
                Period.parse(x, a.cutoff_day)
    except ValueError as e:
        p.error(str(e))
    return a


def main():
    a = parse_args()
    if a.selftest:
        return selftest()
    generate(a)
    return 0


if __name__ == "__main__":
    sys.exit(main())
