"""The allow-list of classes configs may name, and the user's registrations."""
import pytest

from keras_lite import layers
from keras_lite.saving import object_registration as registration


def test_public_classes_are_known_by_their_keras_module():
    assert registration.public_class("keras.layers", "Dense") is layers.Dense
    assert registration.public_name(layers.Dense) == ("keras.layers", "Dense")
    assert registration.public_class("os", "system") is None


def test_registration_scopes_and_lookup_order():
    @registration.register_keras_serializable(package="RegTest", name="Fn")
    def fn(x):
        return x

    assert registration.get_registered_name(fn) == "RegTest>Fn"
    assert registration.get_registered_object("RegTest>Fn") is fn
    assert registration.get_custom_objects()["RegTest>Fn"] is fn
    with registration.custom_object_scope({"thing": 1}):
        with registration.CustomObjectScope({"thing": 2}):
            assert registration.get_registered_object("thing") == 2
        assert registration.get_registered_object("thing", custom_objects={"thing": 3}) == 3
    assert registration.get_registered_object("thing") is None
    assert registration.get_registered_object("other", module_objects={"other": 4}) == 4
    with pytest.raises(ValueError, match="must define `get_config\\(\\)`"):
        registration.register_keras_serializable()(type("NoConfig", (), {}))
