import pytest

from keras_lite import distribution


@pytest.fixture(autouse=True)
def no_distribution_after():
    yield
    distribution.set_distribution(None)


def test_set_and_read_the_distribution():
    assert distribution.distribution() is None
    data_parallel = distribution.DataParallel(devices=distribution.list_devices()[:1])
    distribution.set_distribution(data_parallel)
    assert distribution.distribution() is data_parallel
    distribution.set_distribution(None)
    assert distribution.distribution() is None


def test_a_scope_restores_the_previous_distribution():
    outer = distribution.DataParallel(devices=distribution.list_devices()[:1])
    inner = distribution.DataParallel(devices=distribution.list_devices()[:1])
    distribution.set_distribution(outer)
    with inner.scope() as entered:
        assert entered is inner and distribution.distribution() is inner
    assert distribution.distribution() is outer
    with pytest.raises(RuntimeError):
        with inner.scope():
            raise RuntimeError
    assert distribution.distribution() is outer


def test_only_distributions_can_be_set():
    with pytest.raises(TypeError, match="expects a DataParallel, a ModelParallel or None, got str"):
        distribution.set_distribution("data_parallel")
