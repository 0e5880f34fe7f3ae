"""The .keras zip: written uncompressed; hostile archives are refused before any member is read."""
import io
import os
import struct
import zipfile

import pytest

from keras_lite.saving import keras_archive
from keras_lite.saving.keras_archive import ArchiveReader, write_archive

GOOD = [("metadata.json", b"{}"), ("config.json", b'{"a": 1}'), ("model.weights.h5", b"weights")]


def _zip(members, compression=zipfile.ZIP_STORED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for member in members:
            if isinstance(member, zipfile.ZipInfo):
                archive.writestr(member, b"target")
            else:
                archive.writestr(*member)
    return buffer.getvalue()


def test_written_archives_are_stored_in_order_and_read_back_by_name():
    buffer = io.BytesIO()
    write_archive(buffer, GOOD)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        assert [(i.filename, i.compress_type) for i in archive.infolist()] == [
            (name, zipfile.ZIP_STORED) for name, _ in GOOD]
    with ArchiveReader(io.BytesIO(buffer.getvalue()), "m.keras") as reader:
        assert reader.names() == [name for name, _ in GOOD]
        assert reader.read("config.json") == b'{"a": 1}'


def test_reading_extracts_nothing_to_disk(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "m.keras"
    path.write_bytes(_zip(GOOD))
    with ArchiveReader(str(path)) as reader:
        reader.read("model.weights.h5")
    assert os.listdir(tmp_path) == ["m.keras"]


def test_truncated_and_non_zip_files_are_clear_errors():
    data = _zip(GOOD)
    with pytest.raises(ValueError, match="not a valid .keras file.*truncated"):
        ArchiveReader(io.BytesIO(data[: len(data) // 2]), "cut.keras")
    with pytest.raises(ValueError, match="x.keras is not a valid .keras file"):
        ArchiveReader(io.BytesIO(b"plain text, not a zip"), "x.keras")
    with pytest.raises(ValueError, match="not a .keras archive: it has no config.json"):
        ArchiveReader(io.BytesIO(_zip([("readme.txt", b"hi")])), "other.keras")


@pytest.mark.parametrize("name", ["../evil.py", "assets/../../evil.py", "/etc/cron.d/evil", "C:/evil",
                                  "..\\evil.py"])
def test_members_escaping_the_archive_are_refused(name):
    with pytest.raises(ValueError, match="points outside the archive"):
        ArchiveReader(io.BytesIO(_zip(GOOD + [(name, b"x")])), "bad.keras")


def test_symlink_and_duplicate_members_are_refused():
    link = zipfile.ZipInfo("assets/link")
    link.external_attr = (0o120777 << 16)
    with pytest.raises(ValueError, match="symbolic link"):
        ArchiveReader(io.BytesIO(_zip(GOOD + [link])), "link.keras")
    with pytest.warns(UserWarning, match="Duplicate name"):
        data = _zip(GOOD + [("config.json", b"{}")])
    with pytest.raises(ValueError, match="lists member 'config.json' twice"):
        ArchiveReader(io.BytesIO(data), "dup.keras")


def _declare_size(data, name, size):
    """Rewrite the uncompressed size that the central directory gives `name` (nothing else changes)."""
    offset = data.index(b"PK\x01\x02")
    while True:
        name_length = struct.unpack("<H", data[offset + 28:offset + 30])[0]
        if data[offset + 46:offset + 46 + name_length] == name.encode():
            return data[:offset + 24] + struct.pack("<I", size) + data[offset + 28:]
        offset = data.index(b"PK\x01\x02", offset + 4)


def test_sizes_are_checked_from_the_directory_before_reading():
    oversized = _declare_size(_zip(GOOD), "model.weights.h5", 2 ** 32 - 1)
    with pytest.raises(ValueError, match="declares 4294967295 bytes for 7 stored"):
        ArchiveReader(io.BytesIO(oversized), "big.keras")


def test_highly_compressed_members_are_refused(monkeypatch):
    monkeypatch.setattr(keras_archive, "RATIO_FLOOR_BYTES", 1 << 16)
    bomb = _zip(GOOD[:2] + [("model.weights.h5", bytes(1 << 20))], compression=zipfile.ZIP_DEFLATED)
    with pytest.raises(ValueError, match="decompression bomb"):
        ArchiveReader(io.BytesIO(bomb), "bomb.keras")


def test_total_declared_size_is_capped(monkeypatch):
    monkeypatch.setattr(keras_archive, "MAX_TOTAL_BYTES", 10)
    with pytest.raises(ValueError, match="more than 10 bytes in all"):
        ArchiveReader(io.BytesIO(_zip(GOOD)), "many.keras")


def test_a_member_whose_data_is_corrupt_is_an_error():
    data = bytearray(_zip(GOOD, compression=zipfile.ZIP_DEFLATED))
    position = data.index(b"model.weights.h5") + len("model.weights.h5")
    data[position:position + 4] = b"\xff\xff\xff\xff"
    with ArchiveReader(io.BytesIO(bytes(data)), "corrupt.keras") as reader:
        with pytest.raises(ValueError, match="cannot be read|corrupt"):
            reader.read("model.weights.h5")
