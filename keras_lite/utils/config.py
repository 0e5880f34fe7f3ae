"""Config: a dict of settings read and written as attributes, which can be frozen."""
import difflib
import json


class Config:
    """`config = Config(learning_rate=0.1); config.epochs = 3; config.freeze()` — frozen, changes raise."""

    def __init__(self, **kwargs):
        object.__setattr__(self, "_config", dict(kwargs))
        object.__setattr__(self, "_frozen", False)

    @property
    def frozen(self):
        return self._frozen

    def freeze(self):
        object.__setattr__(self, "_frozen", True)

    def unfreeze(self):
        object.__setattr__(self, "_frozen", False)

    def _check_mutable(self):
        if self._frozen:
            raise ValueError("This Config is frozen: call unfreeze() before changing it.")

    def as_dict(self):
        return dict(self._config)

    def to_json(self):
        return json.dumps(self._config)

    def keys(self):
        return self._config.keys()

    def values(self):
        return self._config.values()

    def items(self):
        return self._config.items()

    def get(self, keyname, value=None):
        return self._config.get(keyname, value)

    def pop(self, *args):
        self._check_mutable()
        return self._config.pop(*args)

    def update(self, *args, **kwargs):
        self._check_mutable()
        self._config.update(*args, **kwargs)

    def __getattr__(self, name):  # only called for names that are not real attributes
        config = object.__getattribute__(self, "_config")
        if name in config:
            return config[name]
        close = difflib.get_close_matches(name, list(config), n=1, cutoff=0.7)
        raise AttributeError(f"Unknown attribute: {name!r}." + (f" Did you mean {close[0]!r}?" if close else ""))

    def __setattr__(self, name, value):
        if hasattr(type(self), name):
            raise AttributeError(f"Cannot set {name!r}: it is a Config method or property.")
        self[name] = value

    def __setitem__(self, key, value):
        self._check_mutable()
        self._config[key] = value

    def __getitem__(self, key):
        return self._config[key]

    def __delitem__(self, key):
        self._check_mutable()
        del self._config[key]

    def __contains__(self, key):
        return key in self._config

    def __iter__(self):
        return iter(sorted(self._config))

    def __len__(self):
        return len(self._config)

    def __repr__(self):
        return f"<Config {self._config}>"
