#!/usr/bin/env python3
"""A plain Python peer of `brobyg run` for bench/peer/compare.sh (issue 18): the same job on the
same danish-vendor absence export with the standard library only (csv, hmac, hashlib,
zipfile) and the openssl command line for CMS. It reads the export (Windows-1252, ';',
dd-mm-yyyy), checks each CPR number's shape and date, pseudonymises it as brobyg does
(HKDF-SHA256 project key, HMAC-SHA256 of "brobyg/person/v1|<10 digits>", 16 bytes, base32),
derives birth month, sex and age, writes absence_event.csv (UTF-8, CRLF), zips it with a
manifest of SHA-256 sums at the given zlib level, signs (CMS, SHA-256) and envelopes it for
the recipients (AES-256-GCM). It is a yardstick, not a second implementation: no quarantine,
state, cursors, row digests, risk report or codebook.

usage: peer.py EXPORT.csv PROJECT.key PROJECT_ID LEVEL SIGNER.crt SIGNER.key OUT.cms RECIPIENT.crt...
"""
import base64
import csv
import datetime
import hashlib
import hmac
import os
import subprocess
import sys
import tempfile
import zipfile

CATEGORIES = {"Syg": "sick", "Lovligt fravær": "authorised", "Ekstraordinær frihed": "authorised",
              "Ulovligt": "unauthorised", "Ulovligt fravær": "unauthorised"}


def hkdf_sha256(key, info, length=32):
    prk = hmac.new(b"\0" * 32, key, hashlib.sha256).digest()
    out, block, counter = b"", b"", 1
    while len(out) < length:
        block = hmac.new(prk, block + info + bytes([counter]), hashlib.sha256).digest()
        out += block
        counter += 1
    return out[:length]


def birth(cpr):
    """Birth date from the 10 digits (the CPR office's century rule), or None."""
    day, month, yy, seventh = int(cpr[0:2]), int(cpr[2:4]), int(cpr[4:6]), int(cpr[6])
    if seventh <= 3:
        century = 1900
    elif seventh in (4, 9):
        century = 2000 if yy <= 36 else 1900
    else:
        century = 2000 if yy <= 57 else 1800
    try:
        return datetime.date(century + yy, month, day)
    except ValueError:
        return None


def main(argv):
    export, keyfile, project, level, signer_crt, signer_key, out = argv[1:8]
    recipients = argv[8:]
    level = int(level)
    key = bytes.fromhex(open(keyfile).read().strip())
    person_key = hkdf_sha256(key, b"brobyg/project/v1|" + project.encode())
    cache = {}
    work = tempfile.mkdtemp(prefix="peer-", dir=os.path.dirname(os.path.abspath(out)))
    csv_path = os.path.join(work, "absence_event.csv")
    rows = rejected = 0
    with open(export, encoding="cp1252", newline="") as src, \
            open(csv_path, "w", encoding="utf-8", newline="") as dst:
        reader = csv.reader(src, delimiter=";")
        header = next(reader)
        at = {name: i for i, name in enumerate(header)}
        writer = csv.writer(dst, lineterminator="\r\n")
        writer.writerow(["person", "birth_month", "sex", "age", "municipality", "school", "grade",
                         "date", "unit", "lesson", "category", "source"])
        for rec in reader:
            cpr = rec[at["CPR-nr"]].replace("-", "")
            category = CATEGORIES.get(rec[at["Fraværstype"]])
            try:
                d, m, y = rec[at["Dato"]].split("-")
                day = datetime.date(int(y), int(m), int(d))
            except ValueError:
                day = None
            born = birth(cpr) if len(cpr) == 10 and cpr.isdigit() else None
            if born is None or day is None or category is None:
                rejected += 1
                continue
            pseudonym = cache.get(cpr)
            if pseudonym is None:
                mac = hmac.new(person_key, b"brobyg/person/v1|" + cpr.encode(), hashlib.sha256)
                pseudonym = base64.b32encode(mac.digest()[:16]).decode().rstrip("=").lower()
                cache[cpr] = pseudonym
            age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
            lesson = rec[at["Lektion"]]
            writer.writerow([pseudonym, born.strftime("%Y-%m"),
                             "female" if int(cpr[9]) % 2 == 0 else "male", age,
                             str(int(rec[at["Kommunekode"]])), rec[at["Skole"]], rec[at["Klasse"]],
                             day.isoformat(), "lesson" if lesson else "day", lesson, category,
                             "skolesystem"])
            rows += 1
    sha = hashlib.sha256()
    with open(csv_path, "rb") as f:
        for piece in iter(lambda: f.read(1 << 20), b""):
            sha.update(piece)
    zip_path = os.path.join(work, "package.zip")
    method = zipfile.ZIP_DEFLATED if level > 0 else zipfile.ZIP_STORED
    with zipfile.ZipFile(zip_path, "w", method, compresslevel=level or None) as z:
        z.write(csv_path, "absence_event.csv")
        z.writestr("manifest.xml", '<manifest><file name="absence_event.csv" rows="%d" '
                   'sha256="%s"/></manifest>\n' % (rows, sha.hexdigest()))
    signed = os.path.join(work, "signed.der")
    subprocess.run(["openssl", "cms", "-sign", "-binary", "-nodetach", "-md", "sha256",
                    "-outform", "DER", "-in", zip_path, "-signer", signer_crt, "-inkey", signer_key,
                    "-out", signed], check=True)
    subprocess.run(["openssl", "cms", "-encrypt", "-binary", "-aes-256-gcm", "-inform", "DER",
                    "-outform", "DER", "-in", signed, "-out", out] + recipients, check=True)
    for name in os.listdir(work):
        os.remove(os.path.join(work, name))
    os.rmdir(work)
    print("peer: rows=%d rejected=%d package=%s" % (rows, rejected, out))


if __name__ == "__main__":
    main(sys.argv)
