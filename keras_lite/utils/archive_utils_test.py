"""extract_archive: formats, replacing a folder, nothing left behind on failure."""
import io
import os
import tarfile
import zipfile

import pytest

from keras_lite.utils.archive_utils import extract_archive


def make_tar(path, members, mode="w:bz2"):
    with tarfile.open(path, mode) as archive:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))


def test_formats_and_replacing_an_existing_folder(tmp_path):
    make_tar(tmp_path / "a.tar.bz2", {"x/one.txt": b"1"})
    target = tmp_path / "out"
    extract_archive(tmp_path / "a.tar.bz2", target, archive_format=["zip", "tar"])
    assert (target / "x" / "one.txt").read_bytes() == b"1"
    with zipfile.ZipFile(tmp_path / "b.zip", "w") as archive:
        archive.writestr("y.txt", "2")
    extract_archive(tmp_path / "b.zip", target)
    assert os.listdir(target) == ["y.txt"] and sorted(os.listdir(tmp_path)) == ["a.tar.bz2", "b.zip", "out"]


def test_wrong_format_and_failures_leave_nothing(tmp_path):
    make_tar(tmp_path / "a.tar", {"../up.txt": b"1"}, mode="w")
    with pytest.raises(ValueError, match="not a zip archive"):
        extract_archive(tmp_path / "a.tar", tmp_path / "out", archive_format="zip")
    with pytest.raises(ValueError, match="not a known archive"):
        extract_archive(tmp_path / "a.tar", tmp_path / "out", archive_format=None)
    with pytest.raises(ValueError, match="Refusing"):
        extract_archive(tmp_path / "a.tar", tmp_path / "out")
    assert sorted(os.listdir(tmp_path)) == ["a.tar"]
