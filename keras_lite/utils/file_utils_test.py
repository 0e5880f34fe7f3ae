"""get_file: cache layout, hash checks, atomic downloads, safe extraction, the offline error. No network:
downloads come from a fake URL opener."""
import hashlib
import io
import os
import tarfile
import urllib.error
import zipfile

import pytest

from keras_lite.utils import file_utils
from keras_lite.utils.file_utils import get_file, hash_file, validate_file

ORIGIN = "https://example.invalid/data/file.bin"


class FakeResponse(io.BytesIO):
    def __init__(self, content):
        super().__init__(content)
        self.headers = {"Content-Length": str(len(content))}


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def serve(monkeypatch):
    """serve(content) makes every download return `content`; returns the list of URLs fetched."""
    fetched = []

    def install(content):
        def opener(url):
            fetched.append(url)
            return FakeResponse(content)
        monkeypatch.setattr(file_utils, "urlopen", opener)
        return fetched
    return install


@pytest.fixture
def offline(monkeypatch):
    def opener(url):
        raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")
    monkeypatch.setattr(file_utils, "urlopen", opener)


def sha256(content):
    return hashlib.sha256(content).hexdigest()


def test_download_lands_in_keras_home_datasets(home, serve, capsys):
    fetched = serve(b"payload")
    path = get_file("file.bin", origin=ORIGIN, file_hash=sha256(b"payload"))
    assert path == str(home / "datasets" / "file.bin")
    assert open(path, "rb").read() == b"payload"
    assert fetched == [ORIGIN] and f"Downloading data from {ORIGIN}" in capsys.readouterr().out
    assert os.listdir(home / "datasets") == ["file.bin"]  # no temporary file left behind


def test_cached_file_is_used_without_network(home, offline):
    (home / "datasets").mkdir(parents=True)
    (home / "datasets" / "file.bin").write_bytes(b"cached")
    assert get_file(origin=ORIGIN, file_hash=sha256(b"cached")) == str(home / "datasets" / "file.bin")
    assert get_file(origin=ORIGIN) == str(home / "datasets" / "file.bin")  # no hash: whatever is cached


def test_absent_file_offline_names_url_and_cache_path(home, offline):
    with pytest.raises(OSError) as error:
        get_file("file.bin", origin=ORIGIN)
    message = str(error.value)
    assert ORIGIN in message and str(home / "datasets" / "file.bin") in message
    assert "name resolution" in message
    assert os.listdir(home / "datasets") == []


def test_stale_cached_file_is_downloaded_again(home, serve, capsys):
    (home / "datasets").mkdir(parents=True)
    (home / "datasets" / "file.bin").write_bytes(b"old")
    fetched = serve(b"new")
    path = get_file("file.bin", origin=ORIGIN, file_hash=sha256(b"new"))
    assert open(path, "rb").read() == b"new" and fetched == [ORIGIN]
    assert "does not match" in capsys.readouterr().out


def test_stale_cached_file_offline_fails_clearly(home, offline):
    (home / "datasets").mkdir(parents=True)
    (home / "datasets" / "file.bin").write_bytes(b"old")
    with pytest.raises(OSError, match="cached file .* does not match the expected sha256 hash"):
        get_file("file.bin", origin=ORIGIN, file_hash=sha256(b"new"))
    with pytest.raises(OSError, match="force_download=True"):
        get_file("file.bin", origin=ORIGIN, force_download=True)
    assert (home / "datasets" / "file.bin").read_bytes() == b"old"


def test_http_errors_keep_their_status(home, monkeypatch):
    def opener(url):
        raise urllib.error.HTTPError(url, 404, "Not Found", {}, None)
    monkeypatch.setattr(file_utils, "urlopen", opener)
    with pytest.raises(OSError, match="HTTP Error 404: Not Found"):
        get_file("file.bin", origin=ORIGIN)


def test_corrupt_download_is_refused_and_not_kept(home, serve):
    serve(b"truncated")
    with pytest.raises(ValueError, match="does not match the expected sha256 hash"):
        get_file("file.bin", origin=ORIGIN, file_hash=sha256(b"payload"))
    assert os.listdir(home / "datasets") == []


def test_md5_hash_and_explicit_algorithms(home, serve):
    serve(b"payload")
    md5 = hashlib.md5(b"payload").hexdigest()
    assert os.path.exists(get_file("a.bin", origin=ORIGIN, md5_hash=md5))
    with pytest.raises(ValueError, match="md5 hash"):
        get_file("b.bin", origin=ORIGIN, md5_hash="0" * 32)
    get_file("c.bin", origin=ORIGIN, file_hash=sha256(b"payload"), hash_algorithm="sha256")
    with pytest.raises(ValueError, match="hash_algorithm"):
        get_file("d.bin", origin=ORIGIN, hash_algorithm="sha1")
    path = str(home / "datasets" / "a.bin")
    assert hash_file(path) == sha256(b"payload") and hash_file(path, "md5") == md5
    assert validate_file(path, md5) and validate_file(path, sha256(b"payload").upper())
    assert not validate_file(path, md5, algorithm="sha256")


def test_force_download_replaces_cached_file(home, serve):
    (home / "datasets").mkdir(parents=True)
    (home / "datasets" / "file.bin").write_bytes(b"old")
    serve(b"new")
    assert open(get_file("file.bin", origin=ORIGIN, force_download=True), "rb").read() == b"new"


def test_cache_dir_and_absolute_cache_subdir(tmp_path, serve):
    serve(b"x")
    assert get_file("f", origin=ORIGIN, cache_dir=tmp_path / "c") == str(tmp_path / "c" / "datasets" / "f")
    assert get_file("f", origin=ORIGIN, cache_dir=str(tmp_path), cache_subdir="models") == str(tmp_path / "models" / "f")
    absolute = tmp_path / "elsewhere"
    assert get_file("f", origin=ORIGIN, cache_subdir=str(absolute)) == str(absolute / "f")


def test_unwritable_cache_falls_back_to_the_temp_folder(tmp_path, serve, monkeypatch):
    serve(b"x")
    monkeypatch.setattr(file_utils.tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    monkeypatch.setattr(file_utils.os, "access", lambda path, mode: not str(path).startswith(str(tmp_path / "ro")))

    real_makedirs = os.makedirs

    def makedirs(path, exist_ok=False):
        if str(path).startswith(str(tmp_path / "ro")):
            raise PermissionError(path)
        real_makedirs(path, exist_ok=exist_ok)
    monkeypatch.setattr(file_utils.os, "makedirs", makedirs)
    assert get_file("f", origin=ORIGIN, cache_dir=tmp_path / "ro") == str(tmp_path / "tmp" / ".keras" / "datasets" / "f")


def test_bad_arguments(home):
    with pytest.raises(ValueError, match="origin"):
        get_file("file.bin")
    with pytest.raises(ValueError, match="not a path"):
        get_file(os.path.join("sub", "file.bin"), origin=ORIGIN)
    with pytest.raises(ValueError, match="file name from origin"):
        get_file(origin="https://example.invalid/")


def tar_bytes(members, mode="w:gz"):
    """A tar archive from [(name, content-bytes or TarInfo-tweak)]."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as archive:
        for name, content in members:
            info = tarfile.TarInfo(name)
            if isinstance(content, bytes):
                info.size = len(content)
                archive.addfile(info, io.BytesIO(content))
            else:
                content(info)
                archive.addfile(info)
    return buffer.getvalue()


def zip_bytes(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members:
            archive.writestr(name, content)
    return buffer.getvalue()


def test_extract_tar_as_keras_names_it(home, serve):
    serve(tar_bytes([("folder/a.txt", b"A"), ("folder/sub/b.txt", b"B")]))
    path = get_file("bundle", origin="https://example.invalid/bundle.tar.gz", extract=True)
    assert path == str(home / "datasets" / "bundle")
    assert (home / "datasets" / "bundle_archive").is_file()
    assert open(os.path.join(path, "folder", "sub", "b.txt"), "rb").read() == b"B"
    # A name with an extension keeps the archive under that name and extracts to <stem>_extracted.
    path = get_file("bundle.tar.gz", origin="https://example.invalid/x", untar=True)
    assert path == str(home / "datasets" / "bundle_extracted")
    assert (home / "datasets" / "bundle.tar.gz").is_file() and os.path.isdir(os.path.join(path, "folder"))
    # No fname: the URL's file name is the folder.
    assert get_file(origin="https://example.invalid/pack.tgz", extract=True) == str(home / "datasets" / "pack.tgz")


def test_extract_zip_and_reuse_without_network(home, serve, monkeypatch):
    serve(zip_bytes([("z/one.txt", "1")]))
    path = get_file("zipped", origin="https://example.invalid/zipped.zip", extract=True, archive_format="zip")
    assert open(os.path.join(path, "z", "one.txt")).read() == "1"
    monkeypatch.setattr(file_utils, "urlopen", None)  # a second call neither downloads nor fails
    assert get_file("zipped", origin="https://example.invalid/zipped.zip", extract=True) == path
    assert sorted(os.listdir(home / "datasets")) == ["zipped", "zipped_archive"]


def test_extract_refuses_a_non_archive_and_unknown_formats(home, serve):
    serve(b"plain bytes")
    with pytest.raises(ValueError, match="not a tar or zip archive"):
        get_file("plain", origin=ORIGIN, extract=True)
    with pytest.raises(ValueError, match="archive_format"):
        get_file("plain", origin=ORIGIN, extract=True, archive_format="rar")
    assert not (home / "datasets" / "plain").exists()


def symlink_to(target):
    def tweak(info):
        info.type, info.linkname = tarfile.SYMTYPE, target
    return tweak


def hardlink_to(target):
    def tweak(info):
        info.type, info.linkname = tarfile.LNKTYPE, target
    return tweak


def fifo(info):
    info.type = tarfile.FIFOTYPE


@pytest.mark.parametrize("members", [
    [("ok.txt", b"fine"), ("../escaped.txt", b"evil")],
    [("/tmp/absolute_escape.txt", b"evil")],
    [("link", symlink_to("../../outside"))],
    [("link", symlink_to("/etc/passwd"))],
    [("hard", hardlink_to("../outside"))],
    [("pipe", fifo)],
], ids=["dotdot", "absolute", "symlink-out", "symlink-absolute", "hardlink-out", "fifo"])
def test_tar_members_escaping_the_folder_are_refused(home, serve, tmp_path, members):
    serve(tar_bytes(members))
    with pytest.raises(ValueError, match="Refusing to extract"):
        get_file("evil", origin=ORIGIN, extract=True)
    assert sorted(os.listdir(home / "datasets")) == ["evil_archive"]  # nothing extracted, no temporary folder
    assert not (home / "escaped.txt").exists() and not (home / "datasets" / "escaped.txt").exists()


def test_links_inside_the_folder_are_extracted(home, serve):
    serve(tar_bytes([("d/real.txt", b"R"), ("d/alias.txt", symlink_to("real.txt"))]))
    path = get_file("linked", origin=ORIGIN, extract=True)
    assert open(os.path.join(path, "d", "alias.txt"), "rb").read() == b"R"


def test_zip_member_escaping_the_folder_is_refused(home, serve):
    serve(zip_bytes([("../escaped.txt", "evil")]))
    with pytest.raises(ValueError, match="'../escaped.txt'"):
        get_file("evil", origin=ORIGIN, extract=True)
    assert not (home / "escaped.txt").exists()


def test_failed_download_of_archive_keeps_previous_extraction(home, serve):
    serve(tar_bytes([("v1.txt", b"1")]))
    path = get_file("data", origin=ORIGIN, extract=True)
    serve(tar_bytes([("v2.txt", b"2")]))
    assert get_file("data", origin=ORIGIN, extract=True, force_download=True) == path
    assert os.listdir(path) == ["v2.txt"]  # re-extracted into a fresh folder, the old one removed
    assert sorted(os.listdir(home / "datasets")) == ["data", "data_archive"]


def test_same_paths_as_keras(tmp_path, serve, monkeypatch):
    """Keras 3 (oracle) puts files and extracted folders at the same places for the same arguments."""
    keras_file_utils = pytest.importorskip("keras.src.utils.file_utils")
    archive = tar_bytes([("inner/x.txt", b"x")])
    serve(archive)

    def fake_urlretrieve(url, filename, reporthook=None):
        with open(filename, "wb") as f:
            f.write(archive)
    monkeypatch.setattr(keras_file_utils, "urlretrieve", fake_urlretrieve)
    cases = [dict(fname="plain.bin"), dict(fname=None), dict(fname="bundle", extract=True),
             dict(fname="bundle.tar.gz", extract=True), dict(fname=None, extract=True),
             dict(fname="fm.gz", cache_subdir=os.path.join("datasets", "fashion-mnist"))]
    for i, case in enumerate(cases):
        ours_dir, keras_dir = tmp_path / f"ours{i}", tmp_path / f"keras{i}"
        keras_dir.mkdir()  # Keras falls back to /tmp/.keras for a cache_dir that does not exist yet
        ours = get_file(origin="https://example.invalid/a/arch.tar.gz", cache_dir=ours_dir, **case)
        theirs = keras_file_utils.get_file(origin="https://example.invalid/a/arch.tar.gz", cache_dir=str(keras_dir),
                                           **case)
        assert os.path.relpath(ours, ours_dir) == os.path.relpath(theirs, keras_dir), case
        assert sorted(os.listdir(os.path.dirname(ours))) == sorted(os.listdir(os.path.dirname(theirs))), case
