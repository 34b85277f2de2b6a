"""Production static files: `collectstatic` hashes and compresses them, WhiteNoise serves
the compressed variant with a year-long cache; the pages link the hashed names."""

from __future__ import annotations

import json

from tests.production_env import production_env, run_manage, run_python

PROBE = """
import django, json, re
django.setup()
from django.test import Client
client = Client()
page = client.get("/accounts/login/", secure=True)
css = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.content.decode())
out = {"page": page.status_code, "css": css, "assets": {}}
for url in css:
    for encoding in ("br", "gzip", ""):
        r = client.get(url, secure=True, HTTP_ACCEPT_ENCODING=encoding)
        body = b"".join(r.streaming_content) if r.streaming else r.content
        out["assets"][url + " " + encoding] = {
            "status": r.status_code,
            "encoding": r.get("Content-Encoding", ""),
            "cache": r.get("Cache-Control", ""),
            "size": len(body),
        }
print(json.dumps(out))
"""


def test_collectstatic_then_whitenoise_serves_hashed_compressed_files(tmp_path):
    env = production_env(
        STATIC_ROOT=str(tmp_path / "static"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    collected = run_manage("collectstatic", "--noinput", env=env, timeout=300)
    assert collected.returncode == 0, collected.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    assert "vendor/bootstrap/bootstrap.min.css" in manifest["paths"]
    # The PDF's fonts are copied but not compressed (browsers never fetch them).
    font = manifest["paths"]["fonts/noto-sans/NotoSans-Regular.ttf"]
    assert (tmp_path / "static" / font).exists()
    assert not (tmp_path / "static" / (font + ".gz")).exists()

    result = run_python(PROBE, env)
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout)
    assert probe["page"] == 200
    assert len(probe["css"]) >= 2
    for url in probe["css"]:
        assert url.startswith("/static/")
        name = url.removeprefix("/static/")
        assert name in manifest["paths"].values(), f"{url} is not a hashed name"
        br, gz, plain = (probe["assets"][f"{url} {e}"] for e in ("br", "gzip", ""))
        assert br["status"] == gz["status"] == plain["status"] == 200
        assert (br["encoding"], gz["encoding"], plain["encoding"]) == ("br", "gzip", "")
        assert "immutable" in plain["cache"] and "max-age=315360000" in plain["cache"]
        assert br["size"] < gz["size"] < plain["size"]
