#!/usr/bin/env python3
"""ingest.py: what a user would write instead of binhyen's ingest: Zalo exports into SQLite, standard library only.

    python3 tests/bench/ingest.py --db FILE ARCHIVE_OR_FILE...

Reads .zip and .tar(.gz/.xz/.bz2) archives (and archives inside them, one
level) and bare .zdb/.json/.ndjson/.jsonl files; Zalo PC records and Zalo Web
rows (NDJSON, JSON arrays, {"groupMsgs": [...]}). Stores group messages,
quotes, mentions, media metadata, reactions (latest state), recalls, member
events and group names, each message once, one transaction per input file.
Prints the counts on stderr.
"""
import argparse
import hashlib
import io
import json
import re
import sqlite3
import sys
import tarfile
import time
import zipfile

SCHEMA = """
PRAGMA journal_mode=WAL;
PRAGMA synchronous=NORMAL;
CREATE TABLE IF NOT EXISTS sources (id INTEGER PRIMARY KEY, hash TEXT UNIQUE, path TEXT);
CREATE TABLE IF NOT EXISTS groups (group_id TEXT PRIMARY KEY, name TEXT);
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY, group_id TEXT NOT NULL, msg_id TEXT, cli_msg_id TEXT,
    sender TEXT NOT NULL, dname TEXT, ts INTEGER NOT NULL, type TEXT NOT NULL,
    type_code TEXT NOT NULL, text TEXT, caption TEXT, recalled INTEGER NOT NULL DEFAULT 0);
CREATE UNIQUE INDEX IF NOT EXISTS messages_by_msgid ON messages (msg_id, group_id)
    WHERE msg_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS messages_by_cli ON messages (group_id, sender, cli_msg_id);
CREATE TABLE IF NOT EXISTS quotes (message_id INTEGER PRIMARY KEY, q_msg_id TEXT,
    q_cli_msg_id TEXT, q_owner TEXT, q_ts INTEGER);
CREATE TABLE IF NOT EXISTS mentions (message_id INTEGER, uid TEXT, type INTEGER,
    PRIMARY KEY (message_id, uid, type));
CREATE TABLE IF NOT EXISTS media (message_id INTEGER PRIMARY KEY, kind TEXT, file_name TEXT,
    ext TEXT, size INTEGER, width INTEGER, height INTEGER, duration INTEGER, url_host TEXT);
CREATE TABLE IF NOT EXISTS reactions (group_id TEXT, target TEXT, reactor TEXT, icon TEXT,
    ts INTEGER, PRIMARY KEY (group_id, target, reactor));
CREATE TABLE IF NOT EXISTS recalls (group_id TEXT, msg_id TEXT, cli_msg_id TEXT, actor TEXT,
    ts INTEGER, PRIMARY KEY (group_id, msg_id, cli_msg_id));
CREATE TABLE IF NOT EXISTS member_events (group_id TEXT, member TEXT, act TEXT, ts INTEGER,
    actor TEXT, PRIMARY KEY (group_id, member, act, ts));
CREATE TABLE IF NOT EXISTS events (group_id TEXT, kind TEXT, ref TEXT, actor TEXT, ts INTEGER,
    PRIMARY KEY (group_id, kind, ref, ts));
"""

PC_TYPES = {1: "text", 2: "photo", 3: "voice", 4: "sticker", 7: "gif", 17: "location",
            18: "video", 19: "file", 20: "recalled", 26: "poll"}
WEB_TYPES = {"webchat": "text", "chat.photo": "photo",
             "chat.video.msg": "video", "chat.voice": "voice", "chat.sticker": "sticker",
             "share.file": "file", "chat.link": "link", "chat.gif": "gif",
             "chat.location.new": "location", "group.poll": "poll"}
MEDIA = ("photo", "video", "voice", "file", "gif")
MEMBER_ACTS = ("join", "leave", "remove_member")
URL_KEYS = ("oriUrl", "hdUrl", "href", "normalUrl", "fileUrl", "thumbUrl", "thumb")
RECORD_FILE = re.compile(r"\.(zdb|json|ndjson|jsonl)$", re.I)
TAR_FILE = re.compile(r"\.(tar|tgz|tar\.gz|tar\.xz|txz|tar\.bz2|tbz2)$", re.I)


# ---- reading values the way Zalo writes them

def text_of(v):
    """A string or a number as text (ids may be JSON numbers)."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (str, int, float)):
        return str(v)
    return None


def id_of(v):
    """An id; empty and "0" mean none."""
    s = text_of(v)
    return s if s and s != "0" else None


def uid_of(v):
    """A uid; "0" is the backup's owner, so it is kept."""
    s = text_of(v)
    return s if s else None


def int_of(v):
    """A whole number from a number or a string of digits, else None."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return int(v)
    if isinstance(v, str):
        m = re.match(r"\s*(-?\d+)(\.\d*)?$", v)
        return int(m.group(1)) if m else None
    return None


def time_of(v):
    t = int_of(v)
    return t if t is not None and t > 0 else None


def nonempty_str(d, key):
    v = d.get(key) if isinstance(d, dict) else None
    return v if isinstance(v, str) and v else None


def params_of(content):
    """params is an object, JSON in a string, or JSON in a string in a string."""
    p = content.get("params")
    for _ in range(2):
        if not isinstance(p, str):
            break
        try:
            p = json.loads(p)
        except ValueError:
            return {}
    return p if isinstance(p, dict) else {}


def url_host(url):
    m = re.match(r"[^:]*://(?:[^/@?#]*@)?([^/:?#]+)", url or "")
    return m.group(1) if m else None


def url_file(url):
    m = re.match(r"[^:]*://[^?#]*/([^/?#]+)(?=[?#]|$)", url or "")
    return m.group(1) if m else None


def ext_of(name):
    if not name or "." not in name[1:]:
        return None
    e = name.rsplit(".", 1)[1]
    return e.lower() if 0 < len(e) <= 8 and "/" not in e else None


def owner_of(name):
    """The backup owner's uid, from <uid>/ZaloDownloads/... or <uid>_zmessage.zdb."""
    m = re.search(r"(?:^|/)(\d{1,24})/ZaloDownloads(?:/|$)", name)
    if not m:
        m = re.search(r"(?:^|/)(\d{1,24})_zmessage\.zdb$", name, re.I)
    return m.group(1) if m else None


# ---- the store

class Store:
    def __init__(self, path):
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.executescript(SCHEMA)
        self.any_null_msgid = self.db.execute(
            "SELECT EXISTS (SELECT 1 FROM messages WHERE msg_id IS NULL)").fetchone()[0]
        self.groups = set()     # groups known to be stored
        self.counts = dict(records=0, stored=0, duplicates=0, rejected=0, private=0,
                           skipped=0, sources=0, sources_skipped=0)

    def count(self, what):
        self.counts[what] += 1

    # one input file = one transaction
    def begin_source(self, path):
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        digest = h.hexdigest()
        if self.db.execute("SELECT 1 FROM sources WHERE hash = ?", (digest,)).fetchone():
            self.count("sources_skipped")
            return False
        self.db.execute("BEGIN")
        self.db.execute("INSERT INTO sources (hash, path) VALUES (?, ?)", (digest, path))
        return True

    def end_source(self):
        # recalls by chat.undo rows, whatever order the copies came in
        self.db.execute("""
            UPDATE messages SET recalled = 1 WHERE recalled = 0 AND id IN (
                SELECT m.id FROM recalls r JOIN messages m
                  ON m.msg_id = r.msg_id AND m.group_id = r.group_id WHERE r.msg_id <> ''
                UNION
                SELECT m.id FROM recalls r JOIN messages m
                  ON m.group_id = r.group_id AND m.sender = r.actor AND m.cli_msg_id = r.cli_msg_id
                WHERE r.msg_id = '' AND r.cli_msg_id <> '')""")
        self.db.execute("COMMIT")
        self.count("sources")

    def group(self, gid, name=None):
        if name is None and gid in self.groups:
            return False
        self.groups.add(gid)
        cur = self.db.execute("""INSERT INTO groups (group_id, name) VALUES (?, ?)
            ON CONFLICT (group_id) DO UPDATE SET name = excluded.name
            WHERE excluded.name IS NOT NULL AND excluded.name IS NOT groups.name""", (gid, name))
        return cur.rowcount > 0

    def find(self, m):
        if m["msg_id"]:
            row = self.db.execute("SELECT id FROM messages WHERE msg_id = ? AND group_id = ?",
                                  (m["msg_id"], m["group_id"])).fetchone()
            if row:
                return row[0]
        if m["cli_msg_id"]:
            row = self.db.execute(
                "SELECT id FROM messages WHERE group_id = ? AND sender = ? AND cli_msg_id = ?"
                " AND (? IS NULL OR msg_id IS NULL) LIMIT 1",
                (m["group_id"], m["sender"], m["cli_msg_id"], m["msg_id"])).fetchone()
            if row:
                return row[0]
        return None

    def message(self, m):
        self.group(m["group_id"])
        mid = None
        if not m["msg_id"] or self.any_null_msgid:
            mid = self.find(m)
        new = False
        if mid is None:
            cur = self.db.execute(
                "INSERT OR IGNORE INTO messages (group_id, msg_id, cli_msg_id, sender, dname, ts,"
                " type, type_code, text, caption, recalled) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (m["group_id"], m["msg_id"], m["cli_msg_id"], m["sender"], m["dname"], m["ts"],
                 m["type"], m["type_code"], m["text"], m["caption"], m["recalled"]))
            if cur.rowcount:
                mid, new = cur.lastrowid, True
                if not m["msg_id"]:
                    self.any_null_msgid = True
            else:
                mid = self.find(m)
        if not new:
            # another copy: keep what either copy knows
            self.db.execute("""UPDATE messages SET
                msg_id = coalesce(msg_id, ?2), text = coalesce(text, ?3),
                caption = coalesce(caption, ?4), recalled = max(recalled, ?5),
                type = CASE WHEN type = 'recalled' AND ?6 <> 'recalled' THEN ?6 ELSE type END,
                type_code = CASE WHEN type = 'recalled' AND ?6 <> 'recalled' THEN ?7 ELSE type_code END,
                dname = coalesce(dname, ?8) WHERE id = ?1""",
                (mid, m["msg_id"], m["text"], m["caption"], m["recalled"], m["type"],
                 m["type_code"], m["dname"]))
        if m["quote"]:
            self.db.execute("INSERT OR IGNORE INTO quotes VALUES (?, ?, ?, ?, ?)",
                            (mid,) + m["quote"])
        for uid, typ in m["mentions"]:
            self.db.execute("INSERT OR IGNORE INTO mentions VALUES (?, ?, ?)", (mid, uid, typ))
        if m["media"]:
            self.db.execute("INSERT OR IGNORE INTO media VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            (mid,) + m["media"])
        for target, reactor, icon, ts in m["reacts"]:
            self.reaction(m["group_id"], target, reactor, icon, ts)
        return new

    def reaction(self, gid, target, reactor, icon, ts):
        self.group(gid)
        cur = self.db.execute("""INSERT INTO reactions VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (group_id, target, reactor) DO UPDATE SET icon = excluded.icon, ts = excluded.ts
            WHERE excluded.ts IS NOT NULL AND (reactions.ts IS NULL OR excluded.ts > reactions.ts)""",
                              (gid, target, reactor, icon, ts))
        return cur.rowcount > 0

    def recall(self, gid, msg_id, cli_msg_id, actor, ts):
        self.group(gid)
        cur = self.db.execute("INSERT OR IGNORE INTO recalls VALUES (?, ?, ?, ?, ?)",
                              (gid, msg_id, cli_msg_id, actor, ts))
        return cur.rowcount > 0

    def member_event(self, table, gid, who, act, ts, actor):
        self.group(gid)
        if table == "member_events":
            sql = "INSERT OR IGNORE INTO member_events VALUES (?, ?, ?, ?, ?)"
            return self.db.execute(sql, (gid, who, act, ts, actor)).rowcount > 0
        sql = "INSERT OR IGNORE INTO events VALUES (?, ?, ?, ?, ?)"
        return self.db.execute(sql, (gid, act, who, actor, ts)).rowcount > 0


# ---- records

class Reject(Exception):
    pass


def message_parts(rec, content, typ, owner):
    """The fields of a chat message common to both formats."""
    m = dict(msg_id=id_of(rec.get("msgId")), cli_msg_id=id_of(rec.get("cliMsgId")),
             dname=rec.get("dName") if isinstance(rec.get("dName"), str) else None,
             type=typ, text=None, caption=None, quote=None, mentions=[], media=None, reacts=[])
    if isinstance(content, str):
        if typ == "text" and content:
            m["text"] = content
    elif isinstance(content, dict):
        title, desc = nonempty_str(content, "title"), nonempty_str(content, "description")
        if typ == "text":
            m["text"] = title
        elif typ in ("photo", "video"):
            m["caption"] = " ".join(s for s in (title, desc) if s) or None
        if typ in MEDIA:
            url = None
            for k in URL_KEYS:
                url = url or nonempty_str(content, k)
            p = params_of(content)
            name = title if typ == "file" and title else url_file(url)
            ext = nonempty_str(p, "fileExt") or ext_of(name)
            m["media"] = (typ, name, ext, int_of(p.get("fileSize")), int_of(p.get("width")),
                          int_of(p.get("height")), int_of(p.get("duration")), url_host(url))
    q = rec.get("quote")
    if isinstance(q, dict):
        qm, qc = id_of(q.get("globalMsgId")), id_of(q.get("cliMsgId"))
        if qm or qc:
            qo = uid_of(q.get("ownerId"))
            if qo == "0" and owner:
                qo = owner
            m["quote"] = (qm, qc, qo, time_of(q.get("ts")))
    if isinstance(rec.get("mentions"), list):
        for x in rec["mentions"]:
            uid = uid_of(x.get("uid")) if isinstance(x, dict) else None
            if uid:
                t = int_of(x.get("type"))
                m["mentions"].append((owner if uid == "0" and owner else uid,
                                      t if t is not None and t >= 0 else 0))
    if not m["msg_id"] and not m["cli_msg_id"]:
        raise Reject("message without msgId or cliMsgId")
    return m


def link_or_contact(content):
    a = content.get("action") if isinstance(content, dict) else None
    return "contact" if isinstance(a, str) and ".user" in a else "link"


def members_of(lst):
    out = []
    for e in lst if isinstance(lst, list) else []:
        uid = (uid_of(e.get("id")) or uid_of(e.get("uid"))) if isinstance(e, dict) else id_of(e)
        if uid:
            out.append(uid)
    return out


def pc_reacts(reacts, msg_id, owner):
    lst = reacts.get("reactions") if isinstance(reacts, dict) else None
    out = []
    if not msg_id or not isinstance(lst, (list, dict)):
        return out
    items = lst.items() if isinstance(lst, dict) else ((None, e) for e in lst)
    for key, e in items:
        who = icon = ts = None
        if isinstance(e, dict):
            for k in ("uidFrom", "uid", "fromUid", "userId", "id"):
                who = who or uid_of(e.get(k))
            if not who and key and key.isdigit():
                who = key
            icon = text_of(e.get("rIcon"))
            if icon is None:
                icon = text_of(e.get("icon"))
            ts = time_of(e.get("ts")) or time_of(e.get("time"))
        elif key and key.isdigit() and text_of(e) is not None:
            who, icon = key, text_of(e)
        if who:
            out.append((msg_id, owner if who == "0" and owner else who, icon or "", ts))
    return out


def store_events(store, table, gid, members, act, ts, actor):
    new = False
    for who in members:
        new |= store.member_event(table, gid, who, act, ts, actor)
    return new


def pc_record(store, rec, owner):
    to = uid_of(rec.get("toUid"))
    if not to:
        raise Reject("missing thread id (toUid)")
    if not to.startswith("g"):
        return "private"
    gid = to[1:]
    sender = uid_of(rec.get("fromUid"))
    if not gid or not sender:
        raise Reject("missing thread or sender")
    if sender == "0" and owner:
        sender = owner
    ts = time_of(rec.get("serverTime")) or time_of(rec.get("sendDttm"))
    code = int_of(rec.get("msgType"))
    if ts is None or code is None:
        raise Reject("missing time or msgType")
    content = rec.get("message")
    if code == -4:
        c = content
        if isinstance(c, str):
            try:
                c = json.loads(c)
            except ValueError:
                c = None
        if not isinstance(c, dict):
            return "skipped"
        data = c.get("data") if isinstance(c.get("data"), dict) else c
        act = nonempty_str(c, "act") or nonempty_str(c, "action") or nonempty_str(data, "act")
        members = members_of(data.get("updateMembers"))
        if not act or not members:
            return "skipped"
        table = "member_events" if act in MEMBER_ACTS else "events"
        return store_events(store, table, gid, members, act, ts, sender)
    if code in (-27, -1909):
        ref = id_of(rec.get("msgId")) or ""
        return store.member_event("events", gid, ref, "delete" if code == -27 else "pin", ts, sender)
    typ = link_or_contact(content) if code == 6 else PC_TYPES.get(code, "other")
    m = message_parts(rec, content, typ, owner)
    m.update(group_id=gid, sender=sender, ts=ts, type_code=text_of(rec.get("msgType")),
             recalled=int(code == 20))
    m["reacts"] = pc_reacts(rec.get("reacts"), m["msg_id"], owner)
    return store.message(m)


def web_record(store, rec, owner, private):
    to = uid_of(rec.get("idTo"))
    if not to:
        raise Reject("missing thread id (idTo)")
    if private or to == "0" or rec.get("cmd") == 501:  # formats.md: private rows
        return "private"
    gid = to[1:] if to.startswith("g") else to
    sender = uid_of(rec.get("uidFrom"))
    if not gid or not sender:
        raise Reject("missing thread or sender")
    if sender == "0" and owner:
        sender = owner
    ts = time_of(rec.get("ts")) or time_of(rec.get("serverTime"))
    if ts is None:
        raise Reject("missing time (ts)")
    mt, content = rec.get("msgType"), rec.get("content")
    if isinstance(mt, (int, float)) and not isinstance(mt, bool):
        code = int(mt)
        typ = link_or_contact(content) if code == 6 else PC_TYPES.get(code, "other")
    elif not isinstance(mt, str):
        raise Reject("msgType is missing")
    elif mt == "chat.reaction":
        rm = content.get("rMsg") if isinstance(content, dict) else None
        target = id_of(rm[0].get("gMsgID")) if rm and isinstance(rm[0], dict) else None
        if not target:
            raise Reject("reaction without target")
        return store.reaction(gid, target, sender, text_of(content.get("rIcon")) or "", ts)
    elif mt == "chat.undo":
        c = content if isinstance(content, dict) else {}
        mid, cli = id_of(c.get("globalMsgId")), id_of(c.get("cliMsgId"))
        if not mid and not cli:
            raise Reject("recall without target")
        return store.recall(gid, mid or "", cli or "", sender, ts)
    else:
        typ = link_or_contact(content) if mt == "chat.recommended" else WEB_TYPES.get(mt, "other")
    m = message_parts(rec, content, typ, owner)
    m.update(group_id=gid, sender=sender, ts=ts, type_code=text_of(mt), recalled=0)
    return store.message(m)


def event_record(store, rec):
    data, act = rec["data"], rec.get("act")
    if not isinstance(data, dict):
        raise Reject("bad group event")
    gid = id_of(data.get("groupId"))
    gid = gid[1:] if gid and gid.startswith("g") else gid
    ts = time_of(data.get("time"))
    if not isinstance(act, str) or not act or not gid or ts is None:
        raise Reject("bad group event")
    members = members_of(data.get("updateMembers"))
    actor = uid_of(data.get("sourceId"))
    if act in MEMBER_ACTS:
        if not members:
            return "skipped"
        return store_events(store, "member_events", gid, members, act, ts, actor)
    return store_events(store, "events", gid, members or [""], act, ts, actor)


def record(store, rec, owner, private=False):
    rows = wrapped(rec)
    if rows is not None:  # a response or {"groupMsgs": [...]} among the records
        for r, p in rows:
            record(store, r, owner, p)
        return
    store.count("records")
    try:
        if not isinstance(rec, dict):
            raise Reject("record is not a JSON object")
        if isinstance(rec.get("data"), dict) and "threadId" in rec and "act" not in rec:
            # a zca-js listener object: type 1 (or isGroup true) a group's row
            if rec.get("type") == 0 or rec.get("isGroup") is False:
                store.count("private")
                return
            rec = rec["data"]
        if "act" in rec and "data" in rec:
            r = event_record(store, rec)
        elif "toUid" in rec or "fromUid" in rec:
            r = pc_record(store, rec, owner)
        elif "idTo" in rec or "uidFrom" in rec:
            r = web_record(store, rec, owner, private)
        elif uid_of(rec.get("userId")) and "msgType" not in rec:
            uid = uid_of(rec["userId"])
            if not uid.startswith("g"):
                r = "private"
            else:
                r = store.group(uid[1:], rec.get("name") if isinstance(rec.get("name"), str) else None)
        else:
            raise Reject("not a Zalo message record")
    except Reject:
        store.count("rejected")
        return
    store.count({True: "stored", False: "duplicates", "private": "private",
                 "skipped": "skipped"}[r])


# ---- files

def wrapped(obj):
    """The rows of a response's data, as (row, private) pairs: those of
    "groupMsgs" are group rows, those of "msgs" (1:1 chats) and "pageMsgs"
    (Official Accounts) private; None when obj is no such wrapper. An API
    response ({"error_code":0,"data":{...}}) is read through its data."""
    if not isinstance(obj, dict):
        return None
    if isinstance(obj.get("data"), dict) and "threadId" not in obj and "act" not in obj:
        return wrapped(obj["data"])
    found = [(k, p) for k, p in (("groupMsgs", False), ("msgs", True), ("pageMsgs", True))
             if isinstance(obj.get(k), list)]
    if not found:
        return None
    return [(row, p) for k, p in found for row in obj[k]]


def read_records(store, f, name):
    """One record file: NDJSON read line by line; a JSON array or a wrapper read whole."""
    owner = owner_of(name)
    lines = iter(f)
    first = b""
    for first in lines:
        if first.strip():
            break
    if not first.strip():
        return
    try:
        obj = json.loads(first) if not first.lstrip().startswith(b"[") else None
    except ValueError:
        obj = None
    if obj is None:
        # not one object per line: the whole file is one JSON value
        data = first + f.read()
        try:
            obj = json.loads(data)
        except ValueError:
            # NDJSON whose first line is bad
            lines = iter(data.splitlines())
            obj = None
        if isinstance(obj, list):
            for rec in obj:
                record(store, rec, owner)
            return
    if obj is not None:  # a record, or a wrapper of rows (record reads through it)
        record(store, obj, owner)
    for line in lines:
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError:
            store.count("records")
            store.count("rejected")
            continue
        record(store, rec, owner)


def read_zip(store, zf, prefix, nested):
    for info in zf.infolist():
        name = prefix + info.filename
        if info.is_dir():
            continue
        if RECORD_FILE.search(name):
            with zf.open(info) as f:
                read_records(store, f, name)
        elif not nested and info.filename.lower().endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(zf.read(info))) as inner:
                read_zip(store, inner, name + "/", True)
        elif not nested and TAR_FILE.search(name):
            with zf.open(info) as f, tarfile.open(fileobj=f, mode="r|*") as inner:
                read_tar(store, inner, name + "/", True)


def read_tar(store, tf, prefix, nested):
    for member in tf:
        name = prefix + member.name
        if not member.isfile():
            continue
        if RECORD_FILE.search(name):
            with tf.extractfile(member) as f:
                read_records(store, f, name)
        elif not nested and member.name.lower().endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(tf.extractfile(member).read())) as inner:
                read_zip(store, inner, name + "/", True)
        elif not nested and TAR_FILE.search(name):
            with tarfile.open(fileobj=tf.extractfile(member), mode="r|*") as inner:
                read_tar(store, inner, name + "/", True)


def ingest(store, path):
    if not store.begin_source(path):
        print("ingest.py: %s: already ingested, skipped" % path, file=sys.stderr)
        return
    if path.lower().endswith(".zip"):
        with zipfile.ZipFile(path) as zf:
            read_zip(store, zf, "", False)
    elif TAR_FILE.search(path):
        with tarfile.open(path, mode="r|*") as tf:
            read_tar(store, tf, "", False)
    elif RECORD_FILE.search(path):
        with open(path, "rb") as f:
            read_records(store, f, path)
    else:
        print("ingest.py: %s: not an archive or record file, skipped" % path, file=sys.stderr)
    store.end_source()


def main():
    ap = argparse.ArgumentParser(description="Zalo exports into SQLite, the plain Python way.")
    ap.add_argument("--db", default="ingest.db")
    ap.add_argument("inputs", nargs="+")
    args = ap.parse_args()
    t0 = time.monotonic()
    store = Store(args.db)
    for path in args.inputs:
        ingest(store, path)
    n = store.db.execute("SELECT count(*) FROM messages").fetchone()[0]
    store.db.close()
    c = store.counts
    print("ingest.py: %d records: %d stored, %d duplicates, %d rejected, %d private skipped, "
          "%d other skipped; %d messages in the database; %.1f s"
          % (c["records"], c["stored"], c["duplicates"], c["rejected"], c["private"],
             c["skipped"], n, time.monotonic() - t0), file=sys.stderr)


if __name__ == "__main__":
    main()
