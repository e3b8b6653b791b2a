"""Bad files get a clear error naming the file and the reason; the library stays as it was."""
from __future__ import annotations

from pathlib import Path

from reader.store.library import Library


def test_bad_files_fail_by_name_while_good_ones_import(tmp_path: Path, seed_files: list[Path]) -> None:
    bad = {
        "empty.txt": b"",
        "blank.txt": b"   \n\n  \n",
        "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "garbage.txt": bytes([0x81, 0x30, 0xFF, 0xFE, 0x80]) * 50 + b"\x00",
        "scan.pdf": b"%PDF-1.7\n",
        "old.doc": b"\xd0\xcf\x11\xe0" + bytes(100),
        "broken.docx": b"not a zip at all",
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    plain = tmp_path / "plain.txt"
    plain.write_text("一段没有编号的说明文字。\n另一段文字。", encoding="gb18030")
    files = [seed_files[1], *(tmp_path / n for n in bad), tmp_path / "missing.txt", plain]
    with Library.open(tmp_path / "lib") as library:
        report = library.import_files(files)
        failed = {Path(f.file).name: f.reason for f in report.failures}
        assert set(failed) == set(bad) | {"missing.txt"}
        assert all(reason for reason in failed.values())
        assert "truncated" in failed["scan.pdf"] and "not found" in failed["missing.txt"]
        assert "empty" in failed["empty.txt"] and "empty" in failed["blank.txt"]
        titles = {d.title for d in library.documents()}
        assert "国家城乡融合发展试验区广东广清接合片区实施方案" in titles
        # no recognisable structure: imported as one document, with a warning
        (doc,) = [library.document(d.id) for d in library.documents() if d.title.startswith("一段没有编号")]
        assert any("no recognisable structure" in w for w in doc.warnings)
        assert len(library.documents()) == 2
