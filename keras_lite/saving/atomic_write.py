"""Atomic file replacement: write beside the target, then rename over it.

A save that fails half way (an exception, a full disk) leaves the previous file as it was and no
temporary file behind; readers never see a half-written file.
"""
import contextlib
import os
import tempfile


@contextlib.contextmanager
def atomic_path(path):
    """Yield a temporary path in the target's folder; on success it replaces `path`."""
    path = os.path.abspath(os.fspath(path))
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        yield temp
        os.chmod(temp, _mode_for(path))
        with open(temp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.remove(temp)


@contextlib.contextmanager
def atomic_file(path):
    """Like `atomic_path`, yielding the temporary file opened for binary writing."""
    with atomic_path(path) as temp, open(temp, "wb") as f:
        yield f


def _mode_for(path):
    """Keep an existing file's permissions; a new file gets what `open()` would give it."""
    if os.path.exists(path):
        return os.stat(path).st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
