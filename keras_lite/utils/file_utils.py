"""get_file: download a file once into the cache ($KERAS_HOME/datasets), check its hash, extract archives.

Downloads are atomic: bytes go to a temporary file beside the target, are hash-checked there, and only
then renamed into place, so the cache never holds a partial or corrupt file. Archives are extracted
into a temporary folder that is renamed into place once every member has been written; a member that
would land outside that folder (absolute path, `..`, a link pointing out) is refused.
"""
import hashlib
import os
import shutil
import tempfile
import urllib.error
import urllib.parse
from urllib.request import urlopen

from keras_lite.backends.common.config import keras_home
from keras_lite.utils import archive_utils
from keras_lite.utils.progbar import Progbar

_CHUNK = 1 << 16


def get_file(fname=None, origin=None, untar=False, md5_hash=None, file_hash=None, cache_subdir="datasets",
             hash_algorithm="auto", extract=False, archive_format="auto", cache_dir=None, force_download=False):
    """The local path of `origin`, downloaded into `cache_dir/cache_subdir/fname` unless already there.

    `cache_dir` defaults to $KERAS_HOME (else ~/.keras); an absolute `cache_subdir` is used as is.
    `file_hash` (sha256 or md5, told apart by length under `hash_algorithm="auto"`) is checked for a
    cached file (a mismatch downloads again) and for a fresh download (a mismatch raises ValueError).
    `md5_hash` and `untar` are the older spellings of `file_hash` and `extract`. With `extract` (or
    `untar`) a tar or zip archive is unpacked and the folder is returned: named `fname` when it has no
    extension (the archive is then kept as `fname + "_archive"`), else `<stem>_extracted` beside the
    archive `fname`. If the file is neither cached nor downloadable, an OSError names the URL and the
    cache path.
    """
    if origin is None:
        raise ValueError("get_file: `origin` (the URL of the file to download) is required.")
    if md5_hash is not None and file_hash is None:
        file_hash, hash_algorithm = md5_hash, "md5"
    if hash_algorithm not in ("auto", "md5", "sha256"):
        raise ValueError(f"get_file: `hash_algorithm` must be 'auto', 'md5' or 'sha256'; got {hash_algorithm!r}.")
    datadir = os.path.join(_cache_root(cache_dir), cache_subdir)
    os.makedirs(datadir, exist_ok=True)
    given_name = os.fspath(fname) if fname is not None else None
    if given_name:
        if os.sep in given_name or (os.altsep and os.altsep in given_name):
            raise ValueError(f"get_file: `fname` must be a file name, not a path; got {given_name!r}. "
                             "Choose the folder with `cache_dir` / `cache_subdir`.")
        name = given_name
    else:
        name = os.path.basename(urllib.parse.urlsplit(origin).path)
        if not name:
            raise ValueError(f"get_file: cannot tell a file name from origin {origin!r}; pass `fname`.")
    extract = extract or untar
    if extract and given_name and "." in name:
        target = os.path.join(datadir, name)
        extraction_dir = os.path.join(datadir, name[:name.find(".")] + "_extracted")
    elif extract:
        target = os.path.join(datadir, name + "_archive")
        extraction_dir = os.path.join(datadir, name)
    else:
        target = os.path.join(datadir, name)

    if force_download:
        why = f"force_download=True asked to replace the cached file {target}"
    elif not os.path.exists(target):
        why = f"the file is not in the cache at {target}"
    elif file_hash is not None and not validate_file(target, file_hash, hash_algorithm):
        why = f"the cached file {target} does not match the expected {_algorithm(hash_algorithm, file_hash)} hash"
        print(f"{why[0].upper()}{why[1:]} {file_hash}: downloading it again.")
    else:
        why = None
    downloaded = why is not None
    if downloaded:
        _download(origin, target, file_hash, hash_algorithm, why)
    if not extract:
        return target
    if downloaded or not os.path.isdir(extraction_dir):
        archive_utils.extract_archive(target, extraction_dir, "tar" if untar else archive_format)
    return extraction_dir


def _cache_root(cache_dir):
    """$KERAS_HOME (else ~/.keras) or `cache_dir`; a temporary folder when that is not writable."""
    root = os.path.expanduser(keras_home() if cache_dir is None else os.fspath(cache_dir))
    try:
        os.makedirs(root, exist_ok=True)
    except OSError:
        pass
    if os.access(root, os.W_OK):
        return root
    return os.path.join(tempfile.gettempdir(), ".keras")


def _download(origin, target, file_hash, hash_algorithm, why):
    """Stream `origin` into a temporary file beside `target`, check its hash, then rename it into place.
    `why` (the reason to download) goes into the error raised when the download fails."""
    print(f"Downloading data from {origin}")
    handle, partial = tempfile.mkstemp(prefix=os.path.basename(target) + ".", suffix=".part",
                                       dir=os.path.dirname(target))
    try:
        with os.fdopen(handle, "wb") as out:
            try:
                with urlopen(origin) as response:
                    _copy_with_progress(response, out)
            except (OSError, ValueError) as error:  # URLError and HTTPError are OSErrors
                reason = error if isinstance(error, urllib.error.HTTPError) else getattr(error, "reason", error)
                raise OSError(f"Could not download {origin} (reason: {reason}), and {why}. Connect to the "
                              f"network, or copy the file to {target} by other means.") from error
        if file_hash is not None and not validate_file(partial, file_hash, hash_algorithm):
            raise ValueError(f"The file downloaded from {origin} does not match the expected "
                             f"{_algorithm(hash_algorithm, file_hash)} hash {file_hash}: it is incomplete or "
                             "corrupted, and was not kept.")
        os.replace(partial, target)
    except BaseException:
        if os.path.exists(partial):
            os.remove(partial)
        raise


def _copy_with_progress(response, out):
    length = response.headers.get("Content-Length") if getattr(response, "headers", None) else None
    progbar = Progbar(int(length) if length and length.isdigit() else None, unit_name="byte")
    done = 0
    for chunk in iter(lambda: response.read(_CHUNK), b""):
        out.write(chunk)
        done += len(chunk)
        progbar.update(done)
    progbar.update(done, finalize=True)


def _algorithm(hash_algorithm, file_hash):
    if hash_algorithm == "auto":
        return "sha256" if len(file_hash) == 64 else "md5"
    return hash_algorithm


def hash_file(fpath, algorithm="sha256", chunk_size=_CHUNK):
    """The hex digest of a file ('sha256', 'md5', or 'auto' meaning sha256)."""
    hasher = hashlib.md5() if algorithm == "md5" else hashlib.sha256()
    with open(fpath, "rb") as f:
        for chunk in iter(lambda: f.read(chunk_size), b""):
            hasher.update(chunk)
    return hasher.hexdigest()


def validate_file(fpath, file_hash, algorithm="auto", chunk_size=_CHUNK):
    """Whether the file's hash equals `file_hash` (sha256 if 64 hex digits under 'auto', else md5)."""
    return hash_file(fpath, _algorithm(algorithm, file_hash), chunk_size) == str(file_hash).lower()
