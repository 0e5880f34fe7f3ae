"""Safe, atomic extraction of tar and zip archives (for get_file).

Every member is checked before anything is written: a name that is absolute or climbs out with `..`,
a link whose target lies outside the folder, or a device/fifo member makes the whole archive refused
with a ValueError naming the member. The archive is unpacked into a temporary folder beside the
destination, which is renamed into place only when extraction has finished.
"""
import os
import shutil
import tarfile
import tempfile
import zipfile

_FORMATS = {"tar": tarfile.is_tarfile, "zip": zipfile.is_zipfile}


def extract_archive(file_path, path, archive_format="auto"):
    """Unpack `file_path` (tar, tar.gz, tar.bz2, tar.xz or zip) into folder `path`, replacing it.

    `archive_format` is 'auto' (tar, then zip), 'tar', 'zip' or a list of those.
    """
    formats = ["tar", "zip"] if archive_format == "auto" else archive_format
    formats = [formats] if isinstance(formats, str) else list(formats or [])
    for fmt in formats:
        if fmt not in _FORMATS:
            raise ValueError(f"Unknown archive_format {fmt!r}; expected 'auto', 'tar', 'zip' or a list of them.")
    fmt = next((f for f in formats if _FORMATS[f](file_path)), None)
    if fmt is None:
        raise ValueError(f"Could not extract {file_path}: it is not a {' or '.join(formats) or 'known'} archive.")
    parent = os.path.dirname(os.path.abspath(path))
    staging = tempfile.mkdtemp(prefix=os.path.basename(path) + ".", suffix=".part", dir=parent)
    try:
        if fmt == "tar":
            with tarfile.open(file_path) as archive:
                members = _checked_tar_members(archive, staging, file_path)
                extra = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
                archive.extractall(staging, members=members, **extra)
        else:
            with zipfile.ZipFile(file_path) as archive:
                for name in archive.namelist():
                    _inside(staging, name, name, file_path)
                archive.extractall(staging)
        _replace_folder(staging, path)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _inside(root, relative, member, archive_path):
    """The resolved path of `relative` under `root`; a ValueError if it falls outside."""
    root = os.path.realpath(root)
    resolved = os.path.realpath(os.path.join(root, relative))
    try:
        inside = os.path.commonpath([resolved, root]) == root
    except ValueError:  # different drives
        inside = False
    if os.path.isabs(relative) or not inside:
        raise ValueError(f"Refusing to extract {archive_path}: member {member!r} would be written or point "
                         "outside the extraction folder.")
    return resolved


def _checked_tar_members(archive, root, archive_path):
    members = archive.getmembers()
    for member in members:
        _inside(root, member.name, member.name, archive_path)
        if member.issym():  # relative to the link's own folder
            _inside(root, os.path.join(os.path.dirname(member.name), member.linkname), member.name, archive_path)
        elif member.islnk():
            _inside(root, member.linkname, member.name, archive_path)
        elif not (member.isfile() or member.isdir()):
            raise ValueError(f"Refusing to extract {archive_path}: member {member.name!r} is a device or fifo.")
    return members


def _replace_folder(staging, path):
    """Rename `staging` to `path`; an existing `path` is moved aside first and removed after."""
    if not os.path.exists(path):
        os.replace(staging, path)
        return
    old = tempfile.mkdtemp(prefix=os.path.basename(path) + ".", suffix=".old", dir=os.path.dirname(staging))
    os.replace(path, os.path.join(old, "previous"))
    os.replace(staging, path)
    shutil.rmtree(old, ignore_errors=True)
