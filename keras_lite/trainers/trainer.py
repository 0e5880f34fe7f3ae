"""compile / fit / evaluate / predict, shared by every backend.

The per-batch work lives in the backend module `engine.trainer`: it builds the
step functions (jitted on JAX, `tf.function` on TensorFlow, eager on torch)
around the model's `train_step` / `test_step` / `predict_step`, which users
may override in their engine's idiom.
"""
import collections.abc
import warnings

import numpy as np
import optree

from keras_lite import config
from keras_lite import optimizers as optimizers_module
from keras_lite.optimizers.loss_scale_optimizer import LossScaleOptimizer
from keras_lite import ops
from keras_lite.backends import engine
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.callbacks.callback import CallbackList
from keras_lite.distribution import global_distribution, training as distributed_training
from keras_lite.ops._dispatch import no_recording
from keras_lite.trainers import compile_utils
from keras_lite.trainers.array_data import ArrayBatches, is_array_data, train_validation_split, unpack_x_y_sample_weight
from keras_lite.trainers.epoch_iterator import EpochIterator


def _python_logs(logs):
    """Logs in name order (as Keras shows and records them): scalars as Python floats, vectors (per-class
    or per-threshold metrics) as NumPy arrays."""
    out = {}
    for key, value in sorted((logs or {}).items()):
        value = np.asarray(ops.convert_to_numpy(value))
        out[key] = float(value) if value.size == 1 else value
    return out


class StepLogs(collections.abc.MutableMapping):
    """One execution's logs, turned into Python numbers only when first read. Reading waits for the engine
    to finish the step; a loop whose logs nobody reads (the progress bar reads them only when it draws)
    keeps dispatching steps without waiting."""

    def __init__(self, raw):
        self._raw, self._values = raw, None

    def _resolved(self):
        if self._values is None:
            self._values, self._raw = _python_logs(self._raw), None
        return self._values

    def __getitem__(self, key):
        return self._resolved()[key]

    def __setitem__(self, key, value):
        self._resolved()[key] = value

    def __delitem__(self, key):
        del self._resolved()[key]

    def __iter__(self):
        return iter(self._values if self._values is not None else sorted(self._raw))

    def __len__(self):
        return len(self._values if self._values is not None else self._raw)

    def __repr__(self):
        return repr(self._resolved())


class Trainer:
    """Mixed into Model."""

    compiled = False
    run_eagerly = False
    jit_compile = "auto"
    steps_per_execution = 1

    def compile(self, optimizer="rmsprop", loss=None, loss_weights=None, metrics=None, weighted_metrics=None,
                run_eagerly=False, steps_per_execution=1, jit_compile="auto", auto_scale_loss=True):
        self.optimizer = optimizers_module.get(optimizer)
        if auto_scale_loss and self.dtype_policy.name == "mixed_float16" and not isinstance(
                self.optimizer, LossScaleOptimizer):
            self.optimizer = LossScaleOptimizer(self.optimizer, name="loss_scale_optimizer")
        self.loss = loss
        self._compile_loss = compile_utils.CompileLoss(loss, loss_weights) if loss is not None else None
        self._compile_metrics = compile_utils.CompileMetrics(metrics, weighted_metrics)
        self._loss_tracker = compile_utils.loss_tracker()
        self.run_eagerly = run_eagerly
        if int(steps_per_execution) < 1:
            raise ValueError(f"steps_per_execution must be a positive integer, got {steps_per_execution}.")
        self.steps_per_execution = int(steps_per_execution)
        self.jit_compile = jit_compile
        self._compile_config = {"optimizer": optimizer, "loss": loss, "loss_weights": loss_weights,
                                "metrics": metrics, "weighted_metrics": weighted_metrics, "run_eagerly": run_eagerly,
                                "steps_per_execution": steps_per_execution, "jit_compile": jit_compile}
        self._functions = {}
        self.compiled = True

    # -- losses and metrics -------------------------------------------------------------
    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        """The compiled loss plus the losses the layers added (activity and weight penalties)."""
        total = None
        if self._compile_loss is not None and y is not None:
            total = self._compile_loss(y, y_pred, sample_weight)
        for extra in self.losses:
            total = extra if total is None else ops.add(total, ops.cast(extra, ops.dtype(total)))
        if total is None:
            raise ValueError(f"Model {self.name!r} has no loss to minimize: pass `loss=` to compile() and targets "
                             "`y` to fit(), or add losses in the layers.")
        return total

    def compute_metrics(self, x, y, y_pred, sample_weight=None):
        """Update the compiled metrics with a batch and return all metric results."""
        if y is not None:
            self._compile_metrics.update_state(y, y_pred, sample_weight)
        return self.get_metrics_result()

    def get_metrics_result(self):
        return {m.name: m.result() for m in self.metrics}

    @property
    def metrics(self):
        if not self.compiled:
            return []
        return [self._loss_tracker] + list(self._compile_metrics.metrics)

    @property
    def metrics_names(self):
        return [m.name for m in self.metrics]

    @property
    def metrics_variables(self):
        return [v for m in self.metrics for v in m.variables]

    def reset_metrics(self):
        for m in self.metrics:
            m.reset_state()

    # -- state for pure steps ------------------------------------------------------------
    def stateless_call(self, trainable_variables, non_trainable_variables, *args, return_losses=False, **kwargs):
        """Call the model on values instead of its variables: (outputs, new non-trainable values[, losses])."""
        from keras_lite.backends.common.stateless_scope import StatelessScope

        mapping = list(zip(self.trainable_variables, trainable_variables)) + list(
            zip(self.non_trainable_variables_and_state, non_trainable_variables))
        with StatelessScope(state_mapping=mapping, collect_losses=return_losses) as scope:
            outputs = self(*args, **kwargs)
        new_values = [scope.get_current_value(v) for v in self.non_trainable_variables_and_state]
        if return_losses:
            return outputs, new_values, scope.losses
        return outputs, new_values

    @property
    def non_trainable_variables_and_state(self):
        """Everything the forward pass reads besides trainable weights: frozen weights, moving statistics and
        seed-generator states."""
        trainable = {id(v) for v in self.trainable_variables}
        return [v for v in self.variables if id(v) not in trainable]

    # -- steps (defaults come from the backend) -------------------------------------------
    def train_step(self, *args):
        return engine.trainer.train_step(self, *args)

    def test_step(self, *args):
        return engine.trainer.test_step(self, *args)

    def predict_step(self, *args):
        return engine.trainer.predict_step(self, *args)

    def _function(self, kind):
        """The step function for a loop. Called once per fit/evaluate/predict call: it also renews
        `_state_token`, which tells the engines' runners to collect the model's variables afresh."""
        self._state_token = object()
        if not hasattr(self, "_functions"):
            self._functions = {}
        # keras_lite.distribution: the steps are made for the distribution in effect (the engine's distributed
        # runner when one is set) and made anew when it changes; a plain run takes the branch below as before.
        dist = global_distribution.distribution()
        if getattr(self, "_functions_distribution", None) is not dist:
            self._functions, self._functions_distribution = {}, dist
        if kind not in self._functions:
            if dist is not None:
                self._functions[kind] = distributed_training.make_function(self, kind, dist)
            else:
                make = {"train": engine.trainer.make_train_function, "test": engine.trainer.make_test_function,
                        "predict": engine.trainer.make_predict_function}[kind]
                self._functions[kind] = make(self)
        return self._functions[kind]

    def _prepare(self, data, training_too, all_targets=None):
        """Before the first step of a loop: create every variable a compiled step needs (the model's
        weights, the loss and metric objects matched to the outputs, the optimizer slots), then check the
        targets against the losses — all of them when they are in memory, else this batch's."""
        if not self._compile_metrics.built or (training_too and not self.optimizer.built):
            self._build_for(data, training_too)
        _, y, _ = unpack_x_y_sample_weight(data)
        if self._compile_loss is not None and y is not None:
            self._compile_loss.check_labels(y if all_targets is None else all_targets, self._output_spec)
        dist = global_distribution.distribution()
        if dist is not None:  # keras_lite.distribution: the batch must split over the replicas; lay the state out
            distributed_training.prepare(self, data, dist)

    def _build_for(self, data, training_too):
        x, y, _ = unpack_x_y_sample_weight(data)
        specs = optree.tree_map(lambda a: KerasTensor(np.shape(a), _dtype_name(a)), x)
        with no_recording():
            y_pred = self(specs)
        self._output_spec = y_pred
        if self._compile_loss is not None and not self._compile_loss.built:
            self._compile_loss.build(self, y_pred)
        if y is not None and not self._compile_metrics.built:
            loss = self._compile_loss or compile_utils.CompileLoss(None)
            if not loss.built:
                loss.build(self, y_pred)
            self._compile_metrics.build(self, y, y_pred, loss)
        if training_too and not self.optimizer.built:
            self.optimizer.build(self.trainable_variables)

    def _check_compiled(self, what):
        if not self.compiled:
            raise ValueError(f"You must call compile() on model {self.name!r} before {what}().")

    # -- loops ---------------------------------------------------------------------------
    def fit(self, x=None, y=None, batch_size=None, epochs=1, verbose="auto", callbacks=None, validation_split=0.0,
            validation_data=None, shuffle=True, class_weight=None, sample_weight=None, initial_epoch=0,
            steps_per_epoch=None, validation_steps=None, validation_batch_size=None, validation_freq=1):
        self._check_compiled("fit")
        if validation_split and validation_data is None:
            (x, y, sample_weight), validation_data = train_validation_split(x, y, sample_weight, validation_split)
        if config.max_epochs():
            epochs = min(epochs, config.max_epochs())
        batches = EpochIterator(x, y, sample_weight, batch_size, steps_per_epoch, shuffle=shuffle,
                                class_weight=class_weight)
        val_batches = None
        if validation_data is not None:
            val_x, val_y, val_weight = _validation_parts(validation_data)
            val_batches = EpochIterator(val_x, val_y, val_weight, validation_batch_size or batch_size,
                                        validation_steps)
        verbose = 1 if verbose == "auto" else verbose
        if not isinstance(callbacks, CallbackList):
            callbacks = CallbackList(callbacks, add_history=True, add_progbar=verbose != 0, model=self,
                                     verbose=verbose, epochs=epochs, steps=batches.num_batches)
        train = self._function("train")
        self.stop_training = False
        self._initial_epoch = None
        callbacks.on_train_begin()
        initial_epoch = self._initial_epoch or initial_epoch  # BackupAndRestore resumes here
        logs = {}
        for epoch in range(initial_epoch, epochs):
            self.reset_metrics()
            callbacks.on_epoch_begin(epoch)
            step = None
            for begin, step, group in batches.executions(self.steps_per_execution):
                if epoch == initial_epoch and begin == 0:
                    self._prepare(group[0], training_too=True, all_targets=_in_memory(y))
                callbacks.on_train_batch_begin(begin)
                logs = StepLogs(train(group))
                callbacks.on_train_batch_end(step, logs)
                if self.stop_training:
                    break
            if step is None:
                if epoch == initial_epoch:
                    raise ValueError("fit() got no batches from x: the data is empty or an exhausted generator.")
                warnings.warn(f"The training data ran out before epoch {epoch + 1}; stopping training. Pass "
                              "steps_per_epoch (and a generator that yields steps_per_epoch * epochs batches).",
                              stacklevel=2)
                break
            epoch_logs = dict(logs)
            if val_batches is not None and (epoch + 1) % validation_freq == 0:
                val_logs = self.evaluate(verbose=0, callbacks=callbacks, return_dict=True, _in_fit=True,
                                         _epoch_iterator=val_batches)
                epoch_logs.update({f"val_{k}": v for k, v in val_logs.items()})
            callbacks.on_epoch_end(epoch, epoch_logs)
            if self.stop_training:
                break
        if self.optimizer.use_ema:
            self.optimizer.finalize_variable_values(self.trainable_variables)
        callbacks.on_train_end(dict(logs))
        return self.history

    def evaluate(self, x=None, y=None, batch_size=None, verbose="auto", sample_weight=None, steps=None,
                 callbacks=None, return_dict=False, **kwargs):
        self._check_compiled("evaluate")
        in_fit = kwargs.pop("_in_fit", False)
        batches = kwargs.pop("_epoch_iterator", None)
        if kwargs:
            raise ValueError(f"evaluate() got unexpected arguments {sorted(kwargs)}.")
        if batches is None:
            batches = EpochIterator(x, y, sample_weight, batch_size, steps, shuffle=False)
        verbose = 1 if verbose == "auto" else verbose
        if not isinstance(callbacks, CallbackList):
            callbacks = CallbackList(callbacks, add_progbar=verbose != 0 and not in_fit, model=self,
                                     verbose=verbose, epochs=1, steps=batches.num_batches, in_fit=in_fit)
        test = self._function("test")
        self.reset_metrics()
        callbacks.on_test_begin()
        logs = None
        for begin, step, group in batches.executions(self.steps_per_execution):
            if begin == 0:
                self._prepare(group[0], training_too=False, all_targets=_in_memory(y))
            callbacks.on_test_batch_begin(begin)
            logs = StepLogs(test(group))
            callbacks.on_test_batch_end(step, logs)
        if logs is None:
            raise ValueError(("Validation data" if in_fit else "evaluate() data") + " gave no batches: it is empty "
                             "or an exhausted generator (pass validation_steps/steps with a generator that "
                             "yields that many batches per epoch).")
        logs = dict(logs)
        callbacks.on_test_end(logs)
        if return_dict:
            return logs
        values = [logs[name] for name in self._ordered_log_names(logs)]
        return values[0] if len(values) == 1 else values

    def _ordered_log_names(self, logs):
        """`loss` first, then the compiled metrics in order (the order evaluate() returns values in)."""
        names = [m.name for m in self.metrics if m.name in logs]
        return names + [k for k in logs if k not in names]

    def predict(self, x, batch_size=None, verbose="auto", steps=None, callbacks=None):
        batches = EpochIterator(x, None, None, batch_size, steps, shuffle=False)
        verbose = 1 if verbose == "auto" else verbose
        if not isinstance(callbacks, CallbackList):
            callbacks = CallbackList(callbacks, add_progbar=verbose != 0, model=self, verbose=verbose, epochs=1,
                                     steps=batches.num_batches)
        predict = self._function("predict")
        callbacks.on_predict_begin()
        outputs = []
        for begin, step, group in batches.executions(self.steps_per_execution):
            callbacks.on_predict_batch_begin(begin)
            outputs.append(optree.tree_map(lambda t: np.asarray(ops.convert_to_numpy(t)), predict(group)))
            callbacks.on_predict_batch_end(step, {"outputs": outputs[-1]})
        if not outputs:
            raise ValueError("predict() got no batches from x: the data is empty or an exhausted generator.")
        callbacks.on_predict_end()
        return optree.tree_map(lambda *parts: np.concatenate(parts, axis=0), *outputs)

    def train_on_batch(self, x, y=None, sample_weight=None, class_weight=None, return_dict=False):
        self._check_compiled("train_on_batch")
        data = next(iter(ArrayBatches(x, y, sample_weight, batch_size=len(optree.tree_leaves(x)[0]),
                                      class_weight=class_weight)))
        self._prepare(data, training_too=True)
        self.reset_metrics()
        logs = _python_logs(self._function("train")([data]))
        return logs if return_dict else [logs[n] for n in self._ordered_log_names(logs)]

    def test_on_batch(self, x, y=None, sample_weight=None, return_dict=False):
        self._check_compiled("test_on_batch")
        data = next(iter(ArrayBatches(x, y, sample_weight, batch_size=len(optree.tree_leaves(x)[0]))))
        self._prepare(data, training_too=False)
        self.reset_metrics()
        logs = _python_logs(self._function("test")([data]))
        return logs if return_dict else [logs[n] for n in self._ordered_log_names(logs)]

    def predict_on_batch(self, x):
        out = self._function("predict")([(x,)])
        return optree.tree_map(lambda t: np.asarray(ops.convert_to_numpy(t)), out)

    def get_compile_config(self):
        return dict(self._compile_config) if self.compiled else None


def _dtype_name(array):
    from keras_lite.backends.common import dtypes

    return dtypes.standardize_dtype(array.dtype) if hasattr(array, "dtype") else dtypes.infer_dtype(array)


def _in_memory(y):
    return y if y is not None and is_array_data(y) else None


def _validation_parts(validation_data):
    """(x, y, sample_weight) from validation_data: a tuple of arrays, or a dataset/generator as x."""
    if isinstance(validation_data, (tuple, list)):
        if not 2 <= len(validation_data) <= 3:
            raise ValueError("validation_data must be (x_val, y_val), (x_val, y_val, val_sample_weight) or a "
                             f"dataset; got a {type(validation_data).__name__} of {len(validation_data)} elements.")
        return unpack_x_y_sample_weight(validation_data)
    return validation_data, None, None
