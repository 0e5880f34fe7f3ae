"""RemoteMonitor: POST each epoch's logs to a server (with the standard library's urllib)."""
import json
import urllib.error
import urllib.parse
import urllib.request
import warnings

import numpy as np

from keras_lite.callbacks.callback import Callback
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.callbacks")
class RemoteMonitor(Callback):
    """At each epoch's end, sends `{"epoch": ..., <log name>: value, ...}` to `root + path`: as a JSON body
    with `send_as_json`, else as a form field `field` holding the JSON text. An unreachable server only
    warns."""

    def __init__(self, root="http://localhost:9000", path="/publish/epoch/end/", field="data", headers=None,
                 send_as_json=False):
        super().__init__()
        self.root = root
        self.path = path
        self.field = field
        self.headers = headers
        self.send_as_json = send_as_json

    def on_epoch_end(self, epoch, logs=None):
        send = {"epoch": epoch}
        for key, value in (logs or {}).items():
            send[key] = value.item() if isinstance(value, (np.ndarray, np.generic)) else value
        headers = dict(self.headers or {})
        if self.send_as_json:
            body = json.dumps(send).encode("utf-8")
            headers.setdefault("Content-Type", "application/json")
        else:
            body = urllib.parse.urlencode({self.field: json.dumps(send)}).encode("utf-8")
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        request = urllib.request.Request(self.root + self.path, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10):
                pass
        except (urllib.error.URLError, OSError):
            warnings.warn(f"Could not reach RemoteMonitor root server at {self.root}", stacklevel=2)
