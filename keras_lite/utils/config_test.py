"""Config: attribute and item access, freezing."""
import json

import pytest

from keras_lite.utils import Config


def test_attributes_items_and_freezing():
    config = Config(learning_rate=0.1)
    config.epochs = 3
    config["batch_size"] = 8
    assert (config.learning_rate, config["epochs"], config.get("missing", 5)) == (0.1, 3, 5)
    assert list(config) == ["batch_size", "epochs", "learning_rate"] and len(config) == 3 and "epochs" in config
    assert json.loads(config.to_json()) == config.as_dict() and dict(config.items()) == config.as_dict()
    assert sorted(config.keys()) == sorted(config) and 3 in config.values()
    config.freeze()
    assert config.frozen
    for change in (lambda: setattr(config, "epochs", 4), lambda: config.update(epochs=4),
                   lambda: config.pop("epochs"), lambda: config.__delitem__("epochs")):
        with pytest.raises(ValueError, match="frozen"):
            change()
    config.unfreeze()
    config.update(epochs=4)
    assert config.pop("epochs") == 4
    del config["batch_size"]
    assert repr(config) == "<Config {'learning_rate': 0.1}>"


def test_unknown_attribute_suggests_a_name():
    with pytest.raises(AttributeError, match="Did you mean 'learning_rate'"):
        Config(learning_rate=0.1).learning_rat
    with pytest.raises(AttributeError, match="method or property"):
        Config().freeze = 1
