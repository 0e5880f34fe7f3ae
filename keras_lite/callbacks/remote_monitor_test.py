"""RemoteMonitor: the request it would POST (urlopen is replaced: no network I/O)."""
import json
import urllib.error
import urllib.parse
import urllib.request

import numpy as np
import pytest

from keras_lite import callbacks
from keras_lite.callbacks._testing import tiny_data, tiny_model


@pytest.fixture
def sent(monkeypatch):
    requests = []

    class Response:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    def fake_urlopen(request, timeout=None):
        requests.append(request)
        return Response()

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    return requests


def test_form_and_json_bodies(sent):
    form = callbacks.RemoteMonitor(root="http://monitor:1234", path="/epochs/", field="payload",
                                   headers={"X-Run": "7"})
    form.on_epoch_end(2, {"loss": np.float32(0.5)})
    request = sent[-1]
    assert request.full_url == "http://monitor:1234/epochs/" and request.get_method() == "POST"
    assert request.get_header("X-run") == "7"
    fields = urllib.parse.parse_qs(request.data.decode())
    assert json.loads(fields["payload"][0]) == {"epoch": 2, "loss": 0.5}
    callbacks.RemoteMonitor(send_as_json=True).on_epoch_end(0, {"acc": 1.0})
    assert sent[-1].full_url == "http://localhost:9000/publish/epoch/end/"
    assert json.loads(sent[-1].data) == {"epoch": 0, "acc": 1.0}


def test_unreachable_server_only_warns(monkeypatch):
    def refuse(request, timeout=None):
        raise urllib.error.URLError("connection refused")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    with pytest.warns(UserWarning, match="Could not reach RemoteMonitor"):
        callbacks.RemoteMonitor().on_epoch_end(0, {"loss": 1.0})


@pytest.mark.requires_trainable_backend
def test_fit_posts_every_epoch(sent):
    x, y = tiny_data()
    history = tiny_model().fit(x, y, epochs=2, batch_size=8, verbose=0,
                               callbacks=[callbacks.RemoteMonitor(send_as_json=True)])
    assert [json.loads(r.data) for r in sent] == [{"epoch": e, "loss": loss}
                                                  for e, loss in enumerate(history.history["loss"])]
