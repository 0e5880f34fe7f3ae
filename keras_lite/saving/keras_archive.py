"""The `.keras` zip archive: members written uncompressed, read by name into memory, never extracted.

Before any member is read the whole central directory is checked (DESIGN decision 6): a member
named with `..`, an absolute or drive path, a symlink, a duplicate name, a size that does not
add up, or a compression ratio typical of a decompression bomb makes the archive invalid.
"""
import stat
import zipfile
import zlib

CONFIG = "config.json"
METADATA = "metadata.json"
WEIGHTS = "model.weights.h5"

MAX_TOTAL_BYTES = 1 << 36  # 64 GiB: no archive may declare more than this
RATIO_FLOOR_BYTES = 1 << 26  # members smaller than 64 MiB are never bombs
MAX_RATIO = 100


def write_archive(fileobj, members):
    """Write `members` ((name, bytes) pairs, in order) as an uncompressed zip, as Keras 3 does."""
    with zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, data in members:
            archive.writestr(name, data)


class ArchiveReader:
    """Reads members of a checked `.keras` archive (a path or a binary file object) by name."""

    def __init__(self, source, description=None):
        self.description = description or str(source)
        try:
            self._zip = zipfile.ZipFile(source, "r")
        except zipfile.BadZipFile as e:
            raise ValueError(f"{self.description} is not a valid .keras file: it is not a zip archive, or it is "
                             f"truncated ({e}).") from None
        try:
            self._check_directory()
        except Exception:
            self._zip.close()
            raise

    def _check_directory(self):
        seen, total = set(), 0
        for info in self._zip.infolist():
            name = info.filename
            _check_member_name(name, self.description)
            if name in seen:
                raise ValueError(f"{self.description}: the archive lists member {name!r} twice; refusing it.")
            seen.add(name)
            if stat.S_ISLNK(info.external_attr >> 16):
                raise ValueError(f"{self.description}: member {name!r} is a symbolic link; refusing it.")
            if info.compress_type == zipfile.ZIP_STORED and info.file_size != info.compress_size:
                raise ValueError(f"{self.description}: member {name!r} is stored uncompressed but declares "
                                 f"{info.file_size} bytes for {info.compress_size} stored; the archive is corrupt.")
            if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise ValueError(f"{self.description}: member {name!r} declares {info.file_size} bytes but stores "
                                 f"only {info.compress_size} (a ratio above {MAX_RATIO}); refusing a potential "
                                 "decompression bomb.")
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise ValueError(f"{self.description}: the archive's members declare more than {MAX_TOTAL_BYTES} "
                                 f"bytes in all (at member {name!r}); refusing to read it.")
        if CONFIG not in seen:
            raise ValueError(f"{self.description} is not a .keras archive: it has no {CONFIG}. "
                             f"Members: {sorted(seen)[:10]}.")

    def names(self):
        return self._zip.namelist()

    def read(self, name):
        """The member's bytes; a member whose data does not match its directory entry is an error."""
        info = self._zip.getinfo(name)
        try:
            with self._zip.open(info, "r") as f:
                data = f.read(info.file_size + 1)
        except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, zlib.error) as e:
            raise ValueError(f"{self.description}: member {name!r} cannot be read ({e}); the archive is truncated "
                             "or corrupt.") from None
        if len(data) != info.file_size:
            raise ValueError(f"{self.description}: member {name!r} holds {len(data)} bytes, its directory entry "
                             f"says {info.file_size}; the archive is corrupt.")
        return data

    def close(self):
        self._zip.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _check_member_name(name, description):
    parts = name.replace("\\", "/").split("/")
    if (name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":") or ".." in parts or "\x00" in name):
        raise ValueError(f"{description}: member name {name!r} points outside the archive (absolute path, drive or "
                         "'..'); refusing the file.")
