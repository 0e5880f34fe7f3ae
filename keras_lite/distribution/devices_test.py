import json
import os
import re

import pytest

from keras_lite import distribution
from keras_lite.backends import BACKEND
from keras_lite.distribution import devices


def test_devices_are_named_kind_and_index():
    names = distribution.list_devices()
    assert names and all(re.fullmatch(r"[a-z]+:\d+", n) for n in names)
    assert distribution.get_device_count() == len(names)
    assert "cpu:0" in distribution.list_devices("CPU")
    assert distribution.get_device_count("cpu") >= 1
    with pytest.raises(TypeError, match="device_type must be a string"):
        distribution.list_devices(0)


def test_a_plain_process_is_process_0_of_1():
    assert devices.num_processes() == 1
    assert devices.process_id() == 0


@pytest.mark.parametrize("kwargs, env, error, message", [
    ({"job_addresses": "10.0.0.1"}, {}, ValueError, "'host:port' or a comma-separated list"),
    ({"num_processes": 0}, {}, ValueError, "num_processes must be at least 1, got 0"),
    ({"num_processes": 2, "process_id": 2}, {}, ValueError, r"process_id must be in \[0, 2\), got 2"),
    ({"num_processes": True}, {}, TypeError, "num_processes must be an integer"),
    ({}, {"KERAS_DISTRIBUTION_NUM_PROCESSES": "two"}, ValueError, "KERAS_DISTRIBUTION_NUM_PROCESSES='two' is not"),
    ({}, {"KERAS_DISTRIBUTION_NUM_PROCESSES": "2", "KERAS_DISTRIBUTION_PROCESS_ID": "5"}, ValueError,
     r"process_id must be in \[0, 2\), got 5"),
])
def test_initialize_checks_its_arguments_and_environment(monkeypatch, kwargs, env, error, message):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(error, match=message):
        distribution.initialize(**kwargs)


@pytest.mark.skipif(BACKEND != "numpy", reason="the numpy backend's refusal")
def test_numpy_cannot_join_a_multi_process_run():
    with pytest.raises(NotImplementedError, match="numpy backend cannot join a multi-process run"):
        distribution.initialize("127.0.0.1:1234", num_processes=2, process_id=0)


@pytest.mark.skipif(BACKEND != "tensorflow", reason="the tensorflow backend's cluster description")
def test_tensorflow_describes_the_workers_in_tf_config(monkeypatch):
    monkeypatch.setenv("TF_CONFIG", "")  # restored (unset) after the test, whatever initialize writes
    monkeypatch.setenv("KERAS_DISTRIBUTION_PROCESS_ID", "1")
    distribution.initialize("10.0.0.1:2222,10.0.0.2:2222")
    assert json.loads(os.environ["TF_CONFIG"]) == {"cluster": {"worker": ["10.0.0.1:2222", "10.0.0.2:2222"]},
                                                   "task": {"type": "worker", "index": 1}}
    assert (devices.num_processes(), devices.process_id()) == (2, 1)
    with pytest.raises(ValueError, match="needs every worker's address; got 1 addresses for num_processes=2"):
        distribution.initialize("10.0.0.1:2222", num_processes=2, process_id=0)
