"""Atomic replacement: the target changes only when the whole write succeeded."""
import os

import pytest

from keras_lite.saving.atomic_write import atomic_file, atomic_path


class Boom(Exception):
    pass


def test_a_successful_write_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "sub" / "m.keras"
    with atomic_file(target) as f:
        f.write(b"new")
    assert target.read_bytes() == b"new" and os.listdir(target.parent) == ["m.keras"]


def test_a_failed_write_keeps_the_previous_file(tmp_path):
    target = tmp_path / "m.keras"
    target.write_bytes(b"previous")
    with pytest.raises(Boom):
        with atomic_file(target) as f:
            f.write(b"half")
            raise Boom()
    assert target.read_bytes() == b"previous" and os.listdir(tmp_path) == ["m.keras"]


def test_the_temporary_sits_beside_the_target_and_permissions_are_kept(tmp_path):
    target = tmp_path / "w.weights.h5"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    with atomic_path(target) as temp:
        assert os.path.dirname(temp) == str(tmp_path) and temp != str(target)
        with open(temp, "wb") as f:
            f.write(b"new")
    assert target.read_bytes() == b"new" and os.stat(target).st_mode & 0o777 == 0o640


def test_a_new_file_gets_the_default_permissions(tmp_path):
    umask = os.umask(0o022)
    try:
        with atomic_file(tmp_path / "n.keras") as f:
            f.write(b"x")
    finally:
        os.umask(umask)
    assert os.stat(tmp_path / "n.keras").st_mode & 0o777 == 0o644
