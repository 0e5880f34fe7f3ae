"""plot_model / model_to_dot: the DOT source read back (nodes, edges, labels), then real renders where `dot` exists."""
import inspect
import shutil
import sys
import types

import pydot
import pytest
from PIL import Image

import keras_lite as keras
from keras_lite import layers, ops
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.utils import model_visualization
from keras_lite.utils.model_visualization import model_to_dot, plot_model

# pydot's DOT parser (used here to read the source back) still calls pyparsing's old names.
pytestmark = pytest.mark.filterwarnings("ignore:'setParseAction' deprecated")
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")


def read_dot(dot):
    """The DOT text parsed back: {node id: label}, [(source id, target id)], {cluster name: set of node ids}."""
    (parsed,) = pydot.graph_from_dot_data(dot.to_string())
    nodes, edges, clusters = {}, [], {}

    def walk(graph, cluster_members):
        for node in graph.get_node_list():
            if node.get_name() not in ("node", "edge", "graph"):
                nodes[node.get_name()] = node.get("label")
                for members in cluster_members:
                    members.add(node.get_name())
        edges.extend((e.get_source(), e.get_destination()) for e in graph.get_edge_list())
        for sub in graph.get_subgraph_list():
            members = clusters.setdefault(sub.get_name(), set())
            walk(sub, cluster_members + [members])

    walk(parsed, [])
    return nodes, edges, clusters


def node_id(op):
    return str(id(op))


def producer(tensor):
    return tensor._keras_history[0]


def ticket_model():
    """The guide's multi-input, multi-output ticket-routing model, with its layers for the checks."""
    num_tags, num_words, num_departments = 12, 10000, 4
    title_input = keras.Input(shape=(None,), name="title")
    body_input = keras.Input(shape=(None,), name="body")
    tags_input = keras.Input(shape=(num_tags,), name="tags")
    title_features = layers.Embedding(num_words, 64)(title_input)
    body_features = layers.Embedding(num_words, 64)(body_input)
    title_lstm = layers.LSTM(128)(title_features)
    body_lstm = layers.LSTM(32)(body_features)
    x = layers.concatenate([title_lstm, body_lstm, tags_input])
    priority_pred = layers.Dense(1, name="priority")(x)
    department_pred = layers.Dense(num_departments, name="department")(x)
    model = keras.Model(inputs=[title_input, body_input, tags_input],
                        outputs={"priority": priority_pred, "department": department_pred})
    ops_by_role = {role: producer(t) for role, t in dict(
        title=title_input, body=body_input, tags=tags_input, title_embedding=title_features,
        body_embedding=body_features, title_lstm=title_lstm, body_lstm=body_lstm, concatenate=x,
        priority=priority_pred, department=department_pred).items()}
    return model, ops_by_role


def mnist_model():
    inputs = keras.Input(shape=(784,))
    x = layers.Dense(64, activation="relu")(inputs)
    x = layers.Dense(64, activation="relu")(x)
    outputs = layers.Dense(10)(x)
    return keras.Model(inputs=inputs, outputs=outputs, name="mnist_model")


def mini_resnet():
    inputs = keras.Input(shape=(32, 32, 3), name="img")
    x = layers.Conv2D(32, 3, activation="relu")(inputs)
    x = layers.Conv2D(64, 3, activation="relu")(x)
    block_1_output = layers.MaxPooling2D(3)(x)
    x = layers.Conv2D(64, 3, activation="relu", padding="same")(block_1_output)
    x = layers.Conv2D(64, 3, activation="relu", padding="same")(x)
    block_2_output = layers.add([x, block_1_output])
    x = layers.Conv2D(64, 3, activation="relu", padding="same")(block_2_output)
    x = layers.Conv2D(64, 3, activation="relu", padding="same")(x)
    block_3_output = layers.add([x, block_2_output])
    x = layers.Conv2D(64, 3, activation="relu")(block_3_output)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dense(256, activation="relu")(x)
    x = layers.Dropout(0.5)(x)
    outputs = layers.Dense(10)(x)
    return keras.Model(inputs, outputs, name="toy_resnet")


def test_signatures_match_keras_3():
    assert str(inspect.signature(plot_model)) == (
        "(model, to_file='model.png', show_shapes=False, show_dtype=False, show_layer_names=False, rankdir='TB', "
        "expand_nested=False, dpi=200, show_layer_activations=False, show_trainable=False, splines='ortho', "
        "**kwargs)")
    assert str(inspect.signature(model_to_dot)) == (
        "(model, show_shapes=False, show_dtype=False, show_layer_names=True, rankdir='TB', expand_nested=False, "
        "dpi=200, subgraph=False, show_layer_activations=False, show_trainable=False, splines='ortho', **kwargs)")


def test_ticket_model_dot_has_every_layer_every_edge_and_the_shapes():
    model, op = ticket_model()
    dot = model_to_dot(model, show_shapes=True)
    nodes, edges, clusters = read_dot(dot)
    assert set(nodes) == {node_id(layer) for layer in model.layers} and len(nodes) == 10
    expected = [("title", "title_embedding"), ("body", "body_embedding"), ("title_embedding", "title_lstm"),
                ("body_embedding", "body_lstm"), ("title_lstm", "concatenate"), ("body_lstm", "concatenate"),
                ("tags", "concatenate"), ("concatenate", "priority"), ("concatenate", "department")]
    assert sorted(edges) == sorted((node_id(op[a]), node_id(op[b])) for a, b in expected)
    assert not clusters
    labels = {role: nodes[node_id(layer)] for role, layer in op.items()}
    assert "<b>title</b> (InputLayer)" in labels["title"]
    assert "Output shape: <b>(None, None)</b>" in labels["title"] and "Input shape" not in labels["title"]
    assert "Output shape: <b>(None, 12)</b>" in labels["tags"]
    assert "Input shape: <b>(None, None)</b>" in labels["title_embedding"]
    assert "Output shape: <b>(None, None, 64)</b>" in labels["body_embedding"]
    assert "Output shape: <b>(None, 128)</b>" in labels["title_lstm"]
    assert "Output shape: <b>(None, 32)</b>" in labels["body_lstm"]
    assert "Input shape: <b>[(None, 128), (None, 32), (None, 12)]</b>" in labels["concatenate"]
    assert "Output shape: <b>(None, 172)</b>" in labels["concatenate"]
    assert "<b>priority</b> (Dense)" in labels["priority"] and "Output shape: <b>(None, 1)</b>" in labels["priority"]
    assert "Output shape: <b>(None, 4)</b>" in labels["department"]
    source = dot.to_string()
    for setting in ("rankdir=TB", "dpi=200", "splines=ortho", "concentrate=true"):
        assert setting in source


def test_labels_follow_the_show_options():
    model, op = ticket_model()
    plain = read_dot(model_to_dot(model, show_layer_names=False))[0]
    assert plain[node_id(op["priority"])] == ('<<table border="0" cellborder="1" bgcolor="black" cellpadding="10">'
                                              '<tr><td colspan="1" bgcolor="black"><font point-size="16" '
                                              'color="white"><b>Dense</b></font></td></tr></table>>')
    op["title_embedding"].trainable = False
    full = read_dot(model_to_dot(model, show_dtype=True, show_layer_activations=True, show_trainable=True))[0]
    lstm = full[node_id(op["title_lstm"])]
    assert "Activation: <b>tanh</b>" in lstm and "Output dtype: <b>float32</b>" in lstm and "<b>Trainable</b>" in lstm
    assert "Activation: <b>linear</b>" in full[node_id(op["priority"])]
    assert "<b>Non-trainable</b>" in full[node_id(op["title_embedding"])]
    concatenate = full[node_id(op["concatenate"])]
    assert "Activation" not in concatenate and "rainable" not in concatenate  # no activation, no weights
    assert "Output shape" not in concatenate


def test_ops_shared_layers_and_multi_output_ops_are_drawn_with_every_edge():
    shared = layers.Dense(4, name="shared")
    a, b = keras.Input((3,), name="a"), keras.Input((3,), name="b")
    left, right = shared(a), shared(b)
    total = ops.add(left, right)
    halves = ops.split(total, 2, axis=-1)
    model = keras.Model([a, b], [layers.Dense(1, name="head_0")(halves[0]), layers.Dense(1, name="head_1")(halves[1])])
    nodes, edges, _ = read_dot(model_to_dot(model, show_shapes=True, show_dtype=True))
    add_op, split_op = producer(total), producer(halves[0])
    ids = {name: node_id(model.get_layer(name)) for name in ("a", "b", "shared", "head_0", "head_1")}
    ids.update(add=node_id(add_op), split=node_id(split_op))
    assert set(nodes) == set(ids.values())
    assert f"<b>{add_op.name}</b> (Add)" in nodes[ids["add"]] and "(Split)" in nodes[ids["split"]]
    assert "Output shape: <b>[(None, 2), (None, 2)]</b>" in nodes[ids["split"]]
    assert "Output dtype: <b>['float32', 'float32']</b>" in nodes[ids["split"]]
    assert sorted(edges) == sorted((ids[s], ids[t]) for s, t in [
        ("a", "shared"), ("b", "shared"), ("shared", "add"), ("add", "split"), ("split", "head_0"),
        ("split", "head_1")])


def nested_models():
    inner_input = keras.Input((4,), name="inner_in")
    inner = keras.Model(inner_input, layers.Dense(3, name="inner_dense")(inner_input), name="inner")
    stack = keras.Sequential([keras.Input((3,)), layers.Dense(5, name="stack_0"), layers.Dense(2, name="stack_1")],
                             name="stack")
    outer_input = keras.Input((4,), name="outer_in")
    outputs = layers.Dense(1, name="head")(stack(inner(outer_input)))
    return keras.Model(outer_input, outputs, name="outer"), inner, stack


def test_nested_models_are_one_node_each_when_not_expanded():
    outer, inner, stack = nested_models()
    nodes, edges, clusters = read_dot(model_to_dot(outer, show_shapes=True))
    ids = [node_id(outer.get_layer(name)) for name in ("outer_in", "inner", "stack", "head")]
    assert set(nodes) == set(ids) and not clusters
    assert sorted(edges) == sorted(zip(ids, ids[1:]))
    assert "<b>inner</b> (Functional)" in nodes[node_id(inner)] and "Output shape: <b>(None, 3)</b>" in nodes[ids[1]]
    assert "<b>stack</b> (Sequential)" in nodes[node_id(stack)]


def test_nested_models_expand_into_clusters_wired_to_their_inner_layers():
    outer, inner, stack = nested_models()
    nodes, edges, clusters = read_dot(model_to_dot(outer, expand_nested=True))
    ids = {name: node_id(layer) for name, layer in [
        ("outer_in", outer.get_layer("outer_in")), ("inner_in", inner.get_layer("inner_in")),
        ("inner_dense", inner.get_layer("inner_dense")), ("stack_0", stack.get_layer("stack_0")),
        ("stack_1", stack.get_layer("stack_1")), ("head", outer.get_layer("head"))]}
    assert set(nodes) == set(ids.values())  # the Sequential's input layer is not drawn, as in Keras
    assert clusters == {"cluster_inner": {ids["inner_in"], ids["inner_dense"]},
                        "cluster_stack": {ids["stack_0"], ids["stack_1"]}}
    chain = ["outer_in", "inner_in", "inner_dense", "stack_0", "stack_1", "head"]
    assert sorted(edges) == sorted((ids[s], ids[t]) for s, t in zip(chain, chain[1:]))


def test_an_expanded_multi_input_submodel_receives_each_input_at_its_own_input_layer():
    x_in, y_in = keras.Input((2,), name="x_in"), keras.Input((2,), name="y_in")
    pair = keras.Model([x_in, y_in], [layers.Dense(1, name="from_x")(x_in), layers.Dense(1, name="from_y")(y_in)],
                       name="pair")
    a, b = keras.Input((2,), name="a"), keras.Input((2,), name="b")
    out_x, out_y = pair([a, b])
    model = keras.Model([a, b], [layers.Dense(1, name="after_x")(out_x), layers.Dense(1, name="after_y")(out_y)])
    _, edges, clusters = read_dot(model_to_dot(model, expand_nested=True))
    ids = {layer.name: node_id(layer) for layer in model.layers + pair.layers}
    assert clusters == {"cluster_pair": {ids[n] for n in ("x_in", "y_in", "from_x", "from_y")}}
    assert sorted(edges) == sorted((ids[s], ids[t]) for s, t in [
        ("a", "x_in"), ("b", "y_in"), ("x_in", "from_x"), ("y_in", "from_y"), ("from_x", "after_x"),
        ("from_y", "after_y")])


def test_sequential_draws_its_layers_in_a_chain():
    model = keras.Sequential([layers.Dense(3, name="first"), layers.Dense(2, name="second")], name="seq")
    with pytest.raises(ValueError, match="'seq' has not yet been built"):
        model_to_dot(model)
    model.build((None, 4))
    nodes, edges, _ = read_dot(model_to_dot(model, show_shapes=True))
    first, second = node_id(model.layers[0]), node_id(model.layers[1])
    assert set(nodes) == {first, second} and edges == [(first, second)]
    assert "Input shape: <b>(None, 4)</b>" in nodes[first] and "Output shape: <b>(None, 2)</b>" in nodes[second]


def test_a_subclassed_model_is_a_single_node_as_in_keras():
    class TwoLayers(keras.Model):
        def __init__(self):
            super().__init__(name="two_layers")
            self.hidden = layers.Dense(3)
            self.head = layers.Dense(2)

        def call(self, x):
            return self.head(self.hidden(x))

    model = TwoLayers()
    model(ops.zeros((1, 4)))
    dot = model_to_dot(model, show_shapes=True)
    nodes, edges, _ = read_dot(dot)
    assert list(nodes) == [node_id(model)] and edges == []
    label = nodes[node_id(model)]
    assert "<b>two_layers</b> (TwoLayers)" in label and "Input shape: <b>?</b>" in label
    assert "Output shape: <b>(1, 2)</b>" in label  # known from the eager call
    cluster = model_to_dot(model, subgraph=True)
    assert isinstance(cluster, pydot.Cluster) and cluster.get_name() == "cluster_two_layers"


def test_a_bare_symbolic_input_has_no_node_and_no_edge():
    bare = KerasTensor((None, 3))
    dense = layers.Dense(2)
    nodes, edges, _ = read_dot(model_to_dot(keras.Model(bare, dense(bare))))
    assert list(nodes) == [node_id(dense)] and edges == []


def test_bad_arguments_are_named():
    model = mnist_model()
    with pytest.raises(ValueError, match="Unrecognized keyword arguments: {'colour': 'red'}"):
        model_to_dot(model, colour="red")
    with pytest.raises(ValueError, match="rankdir must be one of .* got 'sideways'"):
        model_to_dot(model, rankdir="sideways")
    with pytest.raises(ValueError, match="`layer_range` is no longer supported"):
        plot_model(model, "unused.png", layer_range=["dense", "dense_1"])
    assert "rankdir=LR" in model_to_dot(model, rankdir="LR", dpi=96).to_string()


def test_without_pydot_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pydot", None)
    with pytest.raises(ImportError, match="pip install pydot"):
        model_to_dot(mnist_model())


def test_without_graphviz_rendering_fails_clearly_but_dot_source_is_written(monkeypatch, tmp_path):
    model = mnist_model()
    monkeypatch.setattr(model_visualization.shutil, "which", lambda name: None)
    with pytest.raises(OSError, match="install Graphviz, e.g. `apt-get install graphviz`"):
        plot_model(model, tmp_path / "model.png")
    assert not (tmp_path / "model.png").exists()
    plot_model(model, tmp_path / "model.dot", show_shapes=True)
    (parsed,) = pydot.graph_from_dot_file(tmp_path / "model.dot")
    assert len([n for n in parsed.get_node_list() if n.get_name() not in ("node", "graph")]) == 4


def test_graphviz_is_looked_up_on_path(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(OSError, match="Graphviz's `dot` program on PATH"):
        plot_model(mnist_model(), tmp_path / "model.svg")


@needs_dot
def test_the_guides_four_plots_are_written_as_png(tmp_path):
    mnist = mnist_model()
    ticket, _ = ticket_model()
    calls = [(mnist, "my_first_model.png", {}), (mnist, "my_first_model_with_shape_info.png", {"show_shapes": True}),
             (ticket, "multi_input_and_output_model.png", {"show_shapes": True}),
             (mini_resnet(), "mini_resnet.png", {"show_shapes": True})]
    sizes = {}
    for model, file_name, options in calls:
        assert plot_model(model, str(tmp_path / file_name), **options) is None
        with Image.open(tmp_path / file_name) as image:
            assert image.format == "PNG"
            sizes[file_name] = image.size
    assert sizes["my_first_model_with_shape_info.png"][0] > sizes["my_first_model.png"][0]  # the shape cells
    assert sizes["mini_resnet.png"][1] > sizes["my_first_model.png"][1]  # 14 layers stand taller than 4


@needs_dot
def test_svg_pdf_and_extensionless_files_are_rendered(tmp_path):
    model, _ = ticket_model()
    plot_model(model, tmp_path / "model.svg", show_shapes=True, expand_nested=True, rankdir="LR")
    svg = (tmp_path / "model.svg").read_text()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and "Concatenate" in svg
    plot_model(model, tmp_path / "model.pdf")
    assert (tmp_path / "model.pdf").read_bytes().startswith(b"%PDF")
    plot_model(model, tmp_path / "model")
    assert (tmp_path / "model").read_bytes().startswith(b"\x89PNG")
    with pytest.raises(ValueError, match="could not render .*'nonsense'"):
        plot_model(model, tmp_path / "model.nonsense")
    assert not (tmp_path / "model.nonsense").exists()


@needs_dot
def test_in_ipython_an_image_comes_back(monkeypatch, tmp_path):
    fake = types.ModuleType("IPython")
    fake.display = types.SimpleNamespace(Image=lambda filename: ("Image", filename))
    monkeypatch.setitem(sys.modules, "IPython", fake)
    target = str(tmp_path / "model.png")
    assert plot_model(mnist_model(), target) == ("Image", target)
    assert plot_model(mnist_model(), str(tmp_path / "model.pdf")) is None
