"""BackupAndRestore: an interrupted fit resumes at the saved epoch with the saved weights (real
`.weights.h5` backups)."""
import json
import os

import numpy as np
import pytest

from keras_lite import callbacks
from keras_lite.callbacks._testing import count_calls, tiny_data, tiny_model


class Interrupt(Exception):
    pass


def interrupt_at(epoch_to_fail):
    def on_epoch_begin(epoch, logs):
        if epoch == epoch_to_fail:
            raise Interrupt()
    return callbacks.LambdaCallback(on_epoch_begin=on_epoch_begin)


def test_bad_arguments():
    with pytest.raises(ValueError, match="backup_dir"):
        callbacks.BackupAndRestore("")
    with pytest.raises(ValueError, match="save_freq"):
        callbacks.BackupAndRestore("dir", save_freq="never")


@pytest.mark.requires_trainable_backend
def test_interrupted_fit_resumes(tmp_path, monkeypatch):
    x, y = tiny_data()
    backup_dir = str(tmp_path / "backup")
    model = tiny_model()
    calls = count_calls(model, "save_weights", monkeypatch)
    snapshots = []
    record = callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: snapshots.append(model.get_weights()))
    with pytest.raises(Interrupt):
        model.fit(x, y, epochs=4, batch_size=8, verbose=0,
                  callbacks=[record, callbacks.BackupAndRestore(backup_dir), interrupt_at(2)])
    weights_path = os.path.join(backup_dir, "latest.weights.h5")
    assert calls == [weights_path] * 2 and sorted(os.listdir(backup_dir)) == [
        "latest.weights.h5", "training_metadata.json"]
    with open(os.path.join(backup_dir, "training_metadata.json")) as f:
        assert json.load(f) == {"epoch": 2, "batch": 0}

    fresh = tiny_model(seed=7)
    calls = count_calls(fresh, "load_weights", monkeypatch)
    loaded = []
    check = callbacks.LambdaCallback(on_train_begin=lambda logs: loaded.append(fresh.get_weights()))
    history = fresh.fit(x, y, epochs=4, batch_size=8, verbose=0,
                        callbacks=[callbacks.BackupAndRestore(backup_dir), check])
    assert history.epoch == [2, 3]
    assert calls == [weights_path]
    for restored, expected in zip(loaded[0], snapshots[1], strict=True):
        np.testing.assert_array_equal(restored, expected)
    assert not os.path.exists(backup_dir)  # delete_checkpoint=True


@pytest.mark.requires_trainable_backend
def test_double_checkpoint_falls_back_to_the_previous_backup(tmp_path):
    x, y = tiny_data()
    backup_dir = str(tmp_path / "backup")
    model = tiny_model()
    with pytest.raises(Interrupt):
        model.fit(x, y, epochs=5, batch_size=8, verbose=0,
                  callbacks=[callbacks.BackupAndRestore(backup_dir, double_checkpoint=True), interrupt_at(3)])
    with open(os.path.join(backup_dir, "latest.weights.h5"), "wb") as f:
        f.write(b"corrupted")
    fresh = tiny_model()
    history = fresh.fit(x, y, epochs=5, batch_size=8, verbose=0,
                        callbacks=[callbacks.BackupAndRestore(backup_dir, delete_checkpoint=False)])
    assert history.epoch == [2, 3, 4]  # the .bkp copy holds epoch 2
    assert os.path.exists(backup_dir)


@pytest.mark.requires_trainable_backend
def test_save_freq_in_batches(tmp_path, monkeypatch):
    x, y = tiny_data()
    model = tiny_model()
    calls = count_calls(model, "save_weights", monkeypatch)
    model.fit(x, y, epochs=2, batch_size=4, verbose=0,
              callbacks=[callbacks.BackupAndRestore(str(tmp_path / "b"), save_freq=3)])
    assert len(calls) == 2  # 8 batches, a backup every 3
