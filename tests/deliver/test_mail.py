"""helpers.deliver.mail against a real SMTP server on loopback (aiosmtpd) and real PDFs (WeasyPrint).

Most tests use a small task table of rows copied from the seed report (data/raw/luan_2024H1.txt),
judged by hand with the domain rules, so their expected text is fixed; one test runs the seed's
full table, built by helpers.table.build_table, with the shipped recipients.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import socket
import ssl
import subprocess
import threading
from email import policy
from email.header import decode_header, make_header
from email.parser import BytesParser
from email.utils import getaddresses
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from helpers import paths
from helpers.cli import build_parser, mail_options, main
from helpers.errors import MailError, ReferenceError_
from helpers.files import safe_slug
from helpers.deliver.content import attachment_name, message_content
from helpers.deliver.mail import mail_command, plan_messages
from helpers.deliver.recipients import load_recipients, write_placeholder_recipients
from helpers.deliver.smtp import send_drafts
from helpers.judge.status import judge_text
from helpers.report.formatting import ADJUSTED
from helpers.schema import TASKS_SCHEMA, write_table
from helpers.statuses import STATUS_ZH

PERIOD = "2024H1"
LABEL = "2024年上半年"
BUREAUS = ("市发改委", "市人社局", "市生态环境局")
REPO = Path(__file__).resolve().parents[2]


# ------------------------------------------------------------------ test inputs

def _task(task_id, seq, task, bureau, progress, status, pct=None, lag=None, method="none",
          evidence=None, sector="economy", line=1):
    return {
        "task_id": task_id, "table": "quantified" if task_id.startswith("Q") else "general",
        "seq": seq, "parent_seq": None, "section": None, "task": task, "bureau_raw": bureau, "bureaus": bureau,
        "bureau": bureau, "bureau_aliases": None, "co_bureaus": None, "official_status": None,
        "official_status_field": None, "task_source": None, "target_text": None, "rate_text": None,
        "plan_text": None, "people": None, "units_renamed": None, "sector": sector, "sector_name": "经济运行与投资", "sector_rule": "test",
        "progress": progress, "progress_other": None, "problems": None, "next_steps": None, "read_flags": None,
        "period": PERIOD, "period_end": pd.Timestamp("2024-06-30"),
        "source_file": "data/raw/luan_2024H1.txt", "line_start": line, "line_end": line + 3,
        "is_truncated": False, "status": status, "status_zh": STATUS_ZH[status],
        "completion_pct": pct, "pace": 0.5, "lag_pts": lag, "method": method, "evidence": evidence,
        "is_mixed": False, "is_target_adjusted": False, "status_source": "rule",
        "official_status_code": None, "needs_review": False, "review_reason": None,
        "note_reason": None,
    }


def seed_tasks() -> pd.DataFrame:
    """Rows of the seed's 附件1 and 156-item table, judged by the domain rules."""
    rows = [
        _task("Q01", 1, "新开工亿元以上项目170个以上、竣工120个以上。", "市发改委",
              "截至6月底,已开工项目145个,占全年目标任务的87.9%;已竣工项目62个,占全年目标任务的51.7%。",
              "on_pace", 0.517, -1.7, "stated_ratio", "已竣工项目62个,占全年目标任务的51.7%"),
        _task("Q03", 3, "生活污水治理率达30%,黑臭水体治理率达75%。", "市生态环境局",
              "截至6月底,全市有91个行政村污水治理任务,已完成50个(55%),全市有53条农村黑臭水体治理任务,已完成35条(66%)。",
              "on_pace", 0.55, -5.0, "stated_ratio", "已完成50个(55%)", "environment"),
        _task("Q06", 6, "新增技能人才2万人。", "市人社局",
              "截至6月30日,全市新增技能人才14826人,完成年度任务的74.13%。",
              "ahead", 0.7413, -24.13, "stated_ratio", "完成年度任务的74.13%", "social"),
        _task("Q07", 7, "地区生产总值增长7.5%左右。", "市发改委",
              "上半年全市实现地区生产总值1077.8亿元,增长5.5%,高于全省0.2个百分点,居全省第4位。",
              "behind", None, 2.0, "rate_target", "上半年全市实现地区生产总值1077.8亿元,增长5.5%"),
        _task("Q08", 8, "固定资产投资增长10%。", "市发改委",
              "上半年全市固定资产投资同比增长5.8%,增幅高于全省平均水平(4.0%)1.8个百分点,居全省第6位。",
              "behind", None, 4.2, "rate_target", "上半年全市固定资产投资同比增长5.8%"),
        _task("Q10", 10, "生态环境质量完成省下达目标任务。", "市生态环境局",
              "截至6月30日,六安市PM2.5平均浓度为40.5微克/立方米,优良天数比率为77.5%,重污染天数1天,未达到序时进度。",
              "behind", None, None, "verdict_phrase", "重污染天数1天,未达到序时进度", "environment"),
        _task("Q19", 19, "争创国家级绿色工厂1-2家。", "市工信局",
              "已推荐7家企业申报国家级绿色工厂,预计12月份公布结果。",
              "pending", None, None, "verdict_phrase", "预计12月份公布结果", "industry"),
        # made up: a behind task led jointly, 市发改委 first and 市人社局 second
        dict(_task("Q12", 12, "城镇就业与技能培训（示例）。", "市发改委", "完成年度任务的30%。", "behind", 0.30, 20.0,
                   "stated_ratio", "完成年度任务的30%", "social"), bureaus="市发改委、市人社局",
             bureau_raw="市发改委、市人社局"),
        _task("G001", 1, "建成金安通用机场。", "市交通局",
              "金安通用机场主体工程已通过竣工验收,且已明确运营主体为安徽应流航空科技有限公司,具备运营条件。",
              "completed", 1.0, -50.0, "verdict_phrase", "主体工程已通过竣工验收", "infrastructure"),
    ]
    return pd.DataFrame(rows)


def _pdf(title: str) -> bytes:
    from weasyprint import HTML

    # ASCII only: a CJK font would cost seconds of subsetting per PDF
    return HTML(string=f"<html><body><h1>{title}</h1><p>briefing {PERIOD}</p></body></html>").write_pdf()


@pytest.fixture(scope="module")
def mail_pdfs(tmp_path_factory) -> dict[str, bytes]:
    """Real, distinct PDFs: one for the city and one per bureau of the test manifest."""
    names = {"city": "City", "市发改委": "NDRC", "市人社局": "HRSS", "市生态环境局": "EEB"}
    return {k: _pdf(f"{v} briefing") for k, v in names.items()}


@pytest.fixture(scope="module")
def mail_table(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("processed") / PERIOD / "tasks.parquet"
    write_table(seed_tasks(), path, TASKS_SCHEMA)
    return path


@pytest.fixture(scope="module")
def mail_seed_table(seed_table) -> Path:
    """The seed's judged task table, built by the project's own pipeline (once per session)."""
    return seed_table.out_dir / "tasks.parquet"


def _write_recipients(path: Path, rows: list[tuple[str, str, str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["kind", "bureau", "to", "cc"])
        w.writerows(rows)


RECIPIENT_ROWS = [
    ("city", "", "leaders@example.org;mayor@example.org", "duchaban@example.org"),
    ("bureau", "市发改委", "fgw@example.org", "duchaban@example.org;fgw-office@example.org"),
    ("bureau", "市人社局", "rsj@example.org", ""),
    ("bureau", "市生态环境局", "sthjj@example.org", "duchaban@example.org"),
    ("bureau", "市工信局", "gxj@example.org", ""),  # no briefing in the manifest: ignored
]


@pytest.fixture
def mail_project(tmp_path, mail_pdfs, mail_table) -> SimpleNamespace:
    """A project root with a rendered period: PDFs, manifest, task table, recipients."""
    root = tmp_path / "proj"
    out = root / "output" / PERIOD
    out.mkdir(parents=True)
    briefings = []
    for key, data in mail_pdfs.items():
        name = "city" if key == "city" else f"bureau_{safe_slug(key)}"
        (out / f"{name}.pdf").write_bytes(data)
        (out / f"{name}.html").write_text("<html></html>", encoding="utf-8")
        pdf = f"output/{PERIOD}/{name}.pdf"
        if key == "市人社局":  # absolute paths are accepted too
            pdf = str(out / f"{name}.pdf")
        briefings.append({"kind": "city" if key == "city" else "bureau",
                          "bureau": None if key == "city" else key,
                          "html": f"output/{PERIOD}/{name}.html", "pdf": pdf, "seconds": 1.0})
    manifest = out / "manifest.json"
    manifest.write_text(json.dumps({
        "period": PERIOD, "inputs": [{"path": "data/raw/luan_2024H1.txt", "sha256": "x"}],
        "parameters": {"ahead_margin": 0.1}, "versions": {"pandas": pd.__version__},
        "briefings": briefings, "failures": []}, ensure_ascii=False), encoding="utf-8")
    tasks = root / "data" / "processed" / PERIOD / "tasks.parquet"
    tasks.parent.mkdir(parents=True)
    shutil.copy(mail_table, tasks)
    recipients = root / "data" / "reference" / "recipients.csv"
    recipients.parent.mkdir(parents=True)
    _write_recipients(recipients, RECIPIENT_ROWS)
    for shipped in (paths.MAIL_SETTINGS_TOML, paths.WARNING_LEVELS_CSV):  # the office's, as shipped
        shutil.copy(shipped, recipients.parent / shipped.name)
    return SimpleNamespace(root=root, out=out, manifest=manifest, tasks=tasks, recipients=recipients,
                           mail_dir=out / "mail", pdfs={k: v for k, v in mail_pdfs.items()})


def _run(project: SimpleNamespace, *argv: str) -> int:
    args = build_parser().parse_args(["mail", "--period", PERIOD, "--out", str(project.mail_dir), *argv])
    return mail_command(**mail_options(args), manifest=project.manifest, tasks=project.tasks, recipients=project.recipients,
                        settings=project.root / "data" / "reference" / "mail_settings.toml", root=project.root)


def _send(project: SimpleNamespace, server, *argv: str, only: tuple[str, ...] = (), preview: bool = True) -> int:
    """Preview (as a person would, before sending), then send what it listed to `server`; the
    test recipients are at example.org, so --allow-test-addresses."""
    chosen = ["--only", *only] if only else []
    if preview:
        _run(project, *chosen)
    return _run(project, "--send", "--allow-test-addresses", "--smtp-host", server.hostname,
                "--smtp-port", str(server.port), *argv, *chosen)


# ------------------------------------------------------------------ SMTP server

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Store:
    """aiosmtpd handler keeping every accepted envelope; `reply` can refuse the n-th DATA."""

    def __init__(self, reply: dict[int, str] | None = None):
        self.envelopes: list = []
        self.reply = reply or {}
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            n = self.count
        if n in self.reply:
            return self.reply[n]
        self.envelopes.append(SimpleNamespace(mail_from=envelope.mail_from, rcpt_tos=list(envelope.rcpt_tos),
                                              content=envelope.content))
        return "250 OK"

    def messages(self):
        return [BytesParser(policy=policy.default).parsebytes(e.content) for e in self.envelopes]


@pytest.fixture
def mail_server():
    """Start servers on loopback: `start(handler, **smtp_kwargs)`; all stopped after the test."""
    started = []

    def start(handler: Store, **kwargs) -> Controller:
        c = Controller(handler, hostname="127.0.0.1", port=_free_port(), **kwargs)
        c.start()
        started.append(c)
        return c

    yield start
    for c in started:
        c.stop()


def _targets(msgs) -> list[str]:
    return [str(m["X-Helpers-Target"]) for m in msgs]


def _attachments(msg) -> dict[str, bytes]:
    return {p.get_filename(): p.get_content() for p in msg.iter_attachments()}


def _expected_rcpts(target: str) -> list[str]:
    row = next(r for r in RECIPIENT_ROWS if (r[0] == "city" and target == "city") or r[1] == target)
    return [a for a in (row[2] + ";" + row[3]).split(";") if a]


def _pdf_name(who: str) -> str:
    return f"{LABEL}重点工作落实情况简报_{who}.pdf"


# ------------------------------------------------------------------ delivery

def test_send_delivers_every_briefing(mail_project, mail_server, capsys):
    store = Store()
    c = mail_server(store)
    rc = _send(mail_project, c)
    assert rc == 0
    msgs = store.messages()
    assert len(msgs) == 4
    assert sorted(_targets(msgs)) == sorted(["city", *BUREAUS])
    by_target = dict(zip(_targets(msgs), zip(msgs, store.envelopes)))
    for target, (msg, env) in by_target.items():
        who = "全市" if target == "city" else target
        assert env.rcpt_tos == _expected_rcpts(target)
        assert env.mail_from == "duchashi@example.org"  # data/reference/mail_settings.toml
        # the Subject header is RFC 2047-encoded on the wire and decodes to the Chinese text
        assert b"=?utf-8?" in env.content.split(b"\r\n\r\n", 1)[0]
        assert msg["Subject"] == f"{LABEL}重点工作落实情况简报 — {who}"
        assert [a.addr_spec for a in msg["To"].addresses + (msg["Cc"].addresses if msg["Cc"] else ())] \
            == _expected_rcpts(target)
        atts = _attachments(msg)
        assert atts[_pdf_name(who)] == mail_project.pdfs[target]
        if target == "city":
            assert list(atts) == [_pdf_name("全市")]
        else:  # the bureau message carries the city briefing too
            assert list(atts) == [_pdf_name(who), _pdf_name("全市")]
            assert atts[_pdf_name("全市")] == mail_project.pdfs["city"]
    out = capsys.readouterr().out
    assert "已发送4封（共4封）" in out


def test_bodies_carry_the_headline(mail_project, mail_server):
    store = Store()
    c = mail_server(store)
    assert _send(mail_project, c) == 0
    msgs = dict(zip(_targets(store.messages()), store.messages()))
    fgw = msgs["市发改委"]
    text = fgw.get_body(("plain",)).get_content()
    page = fgw.get_body(("html",)).get_content()
    # 市发改委 leads 量化1 (on pace), 量化7, 量化8 and 量化12 (behind), largest lag first
    headline = ("2024年上半年，市发改委共有重点工作4项，其中可对照序时进度量化评估的4项；"
                "达到或超过序时进度（含已完成）的1项，占25.0%；滞后于序时进度的3项；已完成年度任务的0项。")
    assert headline in text and headline in page
    assert text.index("[量化12]") < text.index("[量化8]") < text.index("[量化7]")
    assert "（联合牵头）" not in text
    assert "[量化8] 固定资产投资增长10%。（落后序时4.2个百分点）" in text
    assert "依据：上半年全市固定资产投资同比增长5.8%" in text
    assert "[量化1]" not in text
    assert "[量化8] 固定资产投资增长10%。</b>（落后序时4.2个百分点）" in page
    assert "依据：上半年全市实现地区生产总值1077.8亿元,增长5.5%" in page
    eeb = msgs["市生态环境局"].get_body(("plain",)).get_content()
    assert "[量化10] 生态环境质量完成省下达目标任务。（未达序时进度）" in eeb
    assert "依据：重污染天数1天,未达到序时进度" in eeb
    hrss = msgs["市人社局"].get_body(("plain",)).get_content()
    # 量化12 counts for its first lead unit, 市发改委, as in the PDFs, but 市人社局 sees it listed
    assert "滞后于序时进度的0项" in hrss and "滞后于序时进度的任务（含联合牵头）：" in hrss
    assert "另与其他单位联合牵头重点工作1项" in hrss
    assert "[量化12] 城镇就业与技能培训（示例）。（联合牵头）（完成30.0%，落后序时20.0个百分点）" in hrss
    city = msgs["city"].get_body(("plain",)).get_content()
    assert ("2024年上半年，全市共有重点工作9项，其中可对照序时进度量化评估的8项；达到或超过序时进度（含已完成）"
            "的4项，占50.0%；滞后于序时进度的4项；已完成年度任务的1项；另有待评估1项。") in city
    assert "滞后任务按牵头单位：市发改委3项、市生态环境局1项。" in city


def test_a_behind_task_carries_the_marks_the_pages_print(mail_project):
    # the target was cut during the year and compared cleanly with its new figure: the judge notes it, and the
    # bureau's mail lists the behind task with the same mark as its PDF (report.formatting.task_marks)
    judged, _ = judge_text("新增城镇就业4万人。", "年度目标调减为3万人。上半年新增城镇就业1.2万人。", "2024H1")
    assert judged["status"] == "behind" and not judged["needs_review"] and judged["note_reason"]
    assert judged["is_target_adjusted"]
    tasks = seed_tasks()
    tasks.loc[tasks.task_id == "Q12", ["note_reason", "is_target_adjusted"]] = [judged["note_reason"], True]
    plan = plan_messages(PERIOD, manifest=mail_project.manifest, tasks=tasks,
                         recipients=mail_project.recipients, root=mail_project.root, only=["市发改委"])
    (draft,) = plan.drafts
    plain = draft.message.get_body(("plain",)).get_content()
    line = next(x for x in plain.splitlines() if "城镇就业与技能培训" in x)
    assert f"（示例）。{ADJUSTED}" in line
    assert ADJUSTED in draft.message.get_body(("html",)).get_content()
    assert sum(ADJUSTED in x for x in plain.splitlines()) == 1  # only the task that carries the note


def test_content_counts_match_the_table():
    tasks = seed_tasks()
    tasks.loc[tasks.task_id == "Q19", "status"] = "behind"
    c = message_content(tasks, LABEL)
    assert c.headline.tasks == len(tasks)
    assert c.headline.behind == int((tasks.status == "behind").sum()) == 5
    assert c.headline.on_pace_or_better == int(tasks.status.isin(["on_pace", "ahead", "completed"]).sum()) == 4
    assert list(c.behind.task_id) == ["Q12", "Q08", "Q07", "Q10", "Q19"]
    cb = message_content(tasks, LABEL, "市工信局")
    assert (cb.headline.tasks, cb.headline.behind) == (1, 1)
    assert list(cb.behind.task_id) == ["Q19"]
    # a bureau the table does not know: zero tasks, no error
    assert message_content(tasks, LABEL, "市不存在局").headline.tasks == 0


def test_report_text_is_html_escaped(mail_project):
    tasks = seed_tasks()
    tasks.loc[tasks.task_id == "Q07", "evidence"] = '增长<5.5%> & "低于" <script>alert(1)</script>'
    tasks.loc[tasks.task_id == "Q07", "task"] = "地区生产总值增长<7.5%>左右"
    plan = plan_messages(PERIOD, manifest=mail_project.manifest, tasks=tasks,
                         recipients=mail_project.recipients, root=mail_project.root, only=["市发改委"])
    (draft,) = plan.drafts
    page = draft.message.get_body(("html",)).get_content()
    assert "<script>" not in page and "<7.5%>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "增长&lt;5.5%&gt; &amp; &quot;低于&quot;" in page
    assert "地区生产总值增长&lt;7.5%&gt;左右" in page
    # the plain text keeps the text as written
    assert '增长<5.5%> & "低于"' in draft.message.get_body(("plain",)).get_content()


def test_login_uses_env_password_and_never_shows_it(mail_project, mail_server, monkeypatch, capsys):
    seen = []

    def auth(server, session, envelope, mechanism, data):
        seen.append((data.login, data.password))
        return AuthResult(success=data.password == b"s3cr3t-pw", handled=False)

    store = Store()
    c = mail_server(store, authenticator=auth, auth_require_tls=False, auth_required=True)
    secret = "s3cr3t-pw"
    monkeypatch.setenv("HELPERS_SMTP_PASSWORD", secret)
    rc = _send(mail_project, c, "--smtp-user", "dc-office")
    assert rc == 0
    assert seen and seen[0][0] == b"dc-office"
    assert len(store.envelopes) == 4
    out = capsys.readouterr()
    log = mail_project.mail_dir / "send-log.json"
    for text in (out.out, out.err, log.read_text(encoding="utf-8")):
        assert secret not in text and "s3cr3t" not in text
    assert json.loads(log.read_text(encoding="utf-8"))["messages"][0]["status"] == "sent"
    log.unlink()  # the log would skip every message below: each was delivered

    monkeypatch.setenv("HELPERS_SMTP_PASSWORD", "s3cr3t-密码")  # smtplib cannot send it
    with pytest.raises(MailError, match="非 ASCII") as e:
        _send(mail_project, c, "--smtp-user", "dc-office", preview=False)
    assert "s3cr3t" not in str(e.value) and "密" not in str(e.value)
    monkeypatch.delenv("HELPERS_SMTP_PASSWORD")
    with pytest.raises(MailError, match="HELPERS_SMTP_PASSWORD"):
        _send(mail_project, c, "--smtp-user", "dc-office", preview=False)
    assert len(store.envelopes) == 4
    # a wrong password: reported as not sent, nothing delivered
    monkeypatch.setenv("HELPERS_SMTP_PASSWORD", "wrong-pw")
    assert _send(mail_project, c, "--smtp-user", "dc-office", preview=False) == 1
    assert len(store.envelopes) == 4
    err = capsys.readouterr().err
    assert "wrong-pw" not in err
    assert "未发送：（连接邮件服务器）：邮件服务器拒绝登录（535 " in err
    assert "）；请检查 --smtp-user 和环境变量 HELPERS_SMTP_PASSWORD 中的密码\n" in err


def test_starttls(mail_project, mail_server, tmp_path):
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(cert, key)
    store = Store()
    c = mail_server(store, tls_context=server_ctx, require_starttls=True)
    plan = plan_messages(PERIOD, manifest=mail_project.manifest, tasks=mail_project.tasks,
                         recipients=mail_project.recipients, root=mail_project.root)
    plain = send_drafts(plan.drafts, c.hostname, c.port)  # the server insists on TLS
    assert plain.sent == [] and len(plain.failed) == 4 and store.envelopes == []
    assert plain.failed[0][1] == ("邮件服务器要求先加密或登录（530 Must issue a STARTTLS command first）；"
                                  "请加 --starttls，需要时再加 --smtp-user")
    # the server's certificate is not one the system trusts: refused in Chinese, nothing sent
    untrusted = send_drafts(plan.drafts, c.hostname, c.port, starttls=True)
    assert untrusted.failed[0][0] == "(connection)" and store.envelopes == []
    assert untrusted.failed[0][1] == "加密连接（TLS）失败（服务器证书未通过验证：self-signed certificate）；请检查服务器证书，或联系邮件管理员"
    report = send_drafts(plan.drafts, c.hostname, c.port, starttls=True,
                         ssl_context=ssl.create_default_context(cafile=str(cert)))
    assert report.ok and len(report.sent) == 4 and len(store.envelopes) == 4


# ------------------------------------------------------------------ failures midway

def test_connection_lost_midway_then_only_finishes(mail_project, mail_server, capsys):
    store = Store(reply={2: "421 4.3.0 closing connection"})
    c = mail_server(store)
    assert _send(mail_project, c) == 1
    first = _targets(store.messages())
    assert len(first) == 1
    err = capsys.readouterr().err
    order = ["city", *BUREAUS]  # the manifest's order
    assert first == order[:1]
    assert f"未发送：{order[1]}：邮件服务器断开了连接（421 4.3.0 closing connection）\n" in err
    for t in order[2:]:
        assert f"未发送：{t}（未尝试）" in err
    rerun = next(l for l in err.splitlines() if l.startswith("发送其余邮件："))
    assert rerun.endswith("--only " + " ".join(order[1:]))
    log = json.loads((mail_project.mail_dir / "send-log.json").read_text(encoding="utf-8"))
    assert [(m["target"], m["status"]) for m in log["messages"]] == [("city", "sent"), (order[1], "failed")]

    # the printed command, run as printed, finishes the rest
    argv = rerun.removeprefix("发送其余邮件：").split()[3:]
    args = build_parser().parse_args(argv)
    assert args.only == order[1:]
    rc = mail_command(**mail_options(args), manifest=mail_project.manifest, tasks=mail_project.tasks,
                      recipients=mail_project.recipients, root=mail_project.root)
    assert rc == 0
    assert sorted(_targets(store.messages())) == sorted(order)  # each exactly once


def test_refused_message_does_not_stop_the_others(mail_project, mail_server, capsys):
    store = Store(reply={3: "554 5.6.0 message refused"})
    c = mail_server(store)
    assert _send(mail_project, c) == 1
    order = ["city", *BUREAUS]
    assert _targets(store.messages()) == [order[0], order[1], order[3]]
    err = capsys.readouterr().err
    assert f"未发送：{order[2]}：服务器拒收这封邮件（554 5.6.0 message refused）\n" in err
    assert err.rstrip().splitlines()[-1].endswith(f"--only {order[2]}")


def test_server_down_sends_nothing_and_says_so(mail_project, capsys):
    port = _free_port()  # nothing listens there
    server = SimpleNamespace(hostname="127.0.0.1", port=port)
    assert _send(mail_project, server) == 1
    err = capsys.readouterr().err
    assert (f"未发送：（连接邮件服务器）：无法连接邮件服务器 127.0.0.1:{port}（对方拒绝连接，该端口上没有邮件服务）；"
            "请检查 --smtp-host、--smtp-port 和网络\n") in err
    assert err.rstrip().splitlines()[-1].endswith("--only city " + " ".join(BUREAUS))


# ------------------------------------------------------------------ refusals

def _set_manifest(project, **changes):
    data = json.loads(project.manifest.read_text(encoding="utf-8"))
    data.update(changes)
    project.manifest.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_refuses_when_the_run_recorded_failures(mail_project, mail_server):
    _set_manifest(mail_project, failures=[{"kind": "bureau", "bureau": "市人社局", "notebook": "bureau.ipynb",
                                           "error": "KeyError: 'lag_pts'\nTraceback ..."}])
    store = Store()
    c = mail_server(store)
    with pytest.raises(MailError) as e:
        _run(mail_project)
    msg = str(e.value)
    assert "1份简报生成失败" in msg and "市人社局" in msg and "KeyError: 'lag_pts'" in msg
    assert "\n" not in msg
    with pytest.raises(MailError, match="没有邮件预览"):  # nothing previewed, nothing approved
        _send(mail_project, c, preview=False)
    assert store.count == 0
    assert not mail_project.mail_dir.exists()


def test_refuses_when_a_pdf_is_missing(mail_project, mail_server):
    store = Store()
    c = mail_server(store)
    missing = mail_project.out / f"bureau_{safe_slug('市人社局')}.pdf"
    missing.unlink()
    with pytest.raises(MailError) as e:
        _send(mail_project, c)
    assert "1份简报缺少 PDF：市人社局" in str(e.value) and str(missing) in str(e.value)
    assert store.count == 0
    # the others can still go: only what is sent must exist
    assert _send(mail_project, c, only=("市发改委", "city")) == 0
    assert sorted(_targets(store.messages())) == ["city", "市发改委"]
    # the city PDF rides along with every bureau message, so its absence blocks them all
    (mail_project.out / "city.pdf").write_bytes(b"<html>not a pdf</html>")
    with pytest.raises(MailError, match=r"1份简报缺少 PDF：全市（.*不是 PDF 文件）"):
        _run(mail_project, "--only", "市发改委")


def test_cli_refusal_is_one_line_and_nonzero_then_drafts(mail_project, project_root, capsys):
    _set_manifest(mail_project, failures=[{"kind": "city", "bureau": None, "notebook": "city.ipynb",
                                           "error": "RenderError: no CJK font"}])
    project_root(mail_project.root)
    assert main(["mail", "--period", PERIOD]) == 2
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and err.startswith("错误：")
    assert "全市（city.ipynb）：RenderError: no CJK font" in err
    assert out == ""
    # fixed, the same command drafts into the default folder of that root
    _set_manifest(mail_project, failures=[])
    assert main(["mail", "--period", PERIOD]) == 0
    out, err = capsys.readouterr()
    assert len(list((mail_project.root / "output" / PERIOD / "mail").glob("*.eml"))) == 4
    assert "将发送4封邮件" in out


def test_only_names_an_unknown_briefing(mail_project):
    with pytest.raises(MailError, match="中没有 市财政局 的简报"):
        _run(mail_project, "--only", "市财政局")


# ------------------------------------------------------------------ dry run

def test_dry_run_writes_parseable_drafts(mail_project, capsys):
    assert _run(mail_project) == 0
    files = sorted(mail_project.mail_dir.glob("*.eml"))
    assert [f.name for f in files] == sorted(
        [f"{PERIOD}-city.eml"] + [f"{PERIOD}-bureau-{b}.eml" for b in BUREAUS])
    for f in files:
        msg = BytesParser(policy=policy.default).parsebytes(f.read_bytes())
        target = str(msg["X-Helpers-Target"])
        who = "全市" if target == "city" else target
        assert msg["Subject"] == f"{LABEL}重点工作落实情况简报 — {who}"
        assert [a[1] for a in getaddresses([str(msg["To"]), str(msg["Cc"] or "")]) if a[1]] == _expected_rcpts(target)
        atts = _attachments(msg)
        assert atts[_pdf_name(who)] == mail_project.pdfs[target]
        part = next(msg.iter_attachments())
        assert part.get_content_type() == "application/pdf"
        assert part["Content-Type"].params["name"] == _pdf_name(who)
        raw = f.read_bytes()
        assert b"filename*0*=utf-8''" in raw or b"filename*=utf-8''" in raw  # RFC 2231
        assert msg.get_body(("plain",)) is not None and msg.get_body(("html",)) is not None
    out = capsys.readouterr().out
    assert "将发送4封邮件" in out and f"{LABEL}重点工作落实情况简报 — 市人社局" in out
    assert "to: fgw@example.org" in out and "cc: duchaban@example.org, fgw-office@example.org" in out
    # with --only the other drafts stay
    assert _run(mail_project, "--only", "市人社局") == 0
    assert len(list(mail_project.mail_dir.glob("*.eml"))) == 4


def test_draft_names_are_safe(mail_project, capsys):
    evil = "../../市 /evil\\局.."
    data = json.loads(mail_project.manifest.read_text(encoding="utf-8"))
    city = next(b for b in data["briefings"] if b["kind"] == "city")
    data["briefings"].append({**city, "kind": "bureau", "bureau": evil})
    mail_project.manifest.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _write_recipients(mail_project.recipients, RECIPIENT_ROWS + [("bureau", evil, "evil@example.org", "")])
    assert _run(mail_project, "--only", evil) == 0
    assert "任务表中没有它作为第一牵头单位的任务" in capsys.readouterr().err
    (f,) = list(mail_project.mail_dir.glob("*.eml"))
    assert f.parent == mail_project.mail_dir
    assert "/" not in f.name and "\\" not in f.name and ".." not in f.name and " " not in f.name
    assert f.name == f"{PERIOD}-bureau-市_evil_局.eml"
    assert "市/evil" in BytesParser(policy=policy.default).parsebytes(f.read_bytes())["Subject"]
    assert not list(mail_project.root.rglob("evil*"))
    for bad in ("..", "/", "", "a/../b", "C:\\x"):
        s = safe_slug(bad)
        assert s and "/" not in s and "\\" not in s and ".." not in s and ":" not in s


def test_bureau_without_recipients_is_reported_not_guessed(mail_project, capsys):
    _write_recipients(mail_project.recipients, [r for r in RECIPIENT_ROWS if r[1] != "市人社局"]
                      + [("bureau", "市人社局", "", "")])
    assert _run(mail_project) == 1
    names = {f.name for f in mail_project.mail_dir.glob("*.eml")}
    assert names == {f"{PERIOD}-city.eml", f"{PERIOD}-bureau-市发改委.eml", f"{PERIOD}-bureau-市生态环境局.eml"}
    err = capsys.readouterr().err
    assert "1份简报没有收件人，未发送：市人社局" in err


def test_shipped_recipients_cover_the_seed_lead_units(mail_seed_table):
    book = load_recipients(paths.RECIPIENTS_CSV)
    assert "city" in book
    addresses = [a.addr_spec for r in book.values() for a in (*r.to, *r.cc)]
    assert addresses and all(a.endswith("@example.org") for a in addresses)
    # the seed's lead units: every unit its judged task table names as lead (co-leads included),
    # the same set `python -m helpers run --all-bureaus` renders a briefing for
    from helpers.read.bureaus import lead_units as all_leads
    tasks = pd.read_parquet(mail_seed_table)
    lead_units = set(all_leads(tasks))
    assert set(tasks["bureau"]) < lead_units and "霍邱县政府" in lead_units
    assert lead_units - set(book) == set()
    assert set(book) - lead_units == {"city"}


def test_recipients_table_is_checked(tmp_path):
    path = tmp_path / "recipients.csv"
    path.write_text("\ufeffkind,bureau,to,cc\ncity,,a@example.org; b@example.org,\n"
                    "bureau,市生态  环境局,c@example.org,d@example.org;e@example.org\nbureau,市残联,,\n",
                    encoding="utf-8")
    book = load_recipients(path)
    assert [a.addr_spec for a in book["city"].to] == ["a@example.org", "b@example.org"]
    assert book["市生态环境局"].envelope == ["c@example.org", "d@example.org", "e@example.org"]
    assert "市残联" not in book  # an empty row means no recipients: reported later, not guessed
    for body, problem in [
        ("bureau,市残联,not-an-address,\n", "不是电子邮件地址：'not-an-address'"),
        ("bureau,市残联,x@example.org,\nbureau,市残联,y@example.org,\n", "市残联的第二行"),
        ("leaders,,x@example.org,\n", "kind 只能是 city 或 bureau"),
        ("bureau,,x@example.org,\n", "bureau 行须写明单位名称"),
    ]:
        path.write_text("kind,bureau,to,cc\n" + body, encoding="utf-8")
        with pytest.raises(ReferenceError_, match=re.escape(problem)):
            load_recipients(path)


def test_placeholder_rows_keep_real_addresses(tmp_path):
    path = tmp_path / "recipients.csv"
    _write_recipients(path, [("bureau", "市发改委", "real@fgw.gov.cn", "")])
    assert write_placeholder_recipients(["市发改委", "市人社局", "市人社局"], path) == 2
    book = load_recipients(path)
    assert [a.addr_spec for a in book["市发改委"].to] == ["real@fgw.gov.cn"]
    assert book["市人社局"].to[0].addr_spec.endswith("@example.org") and "city" in book
    assert write_placeholder_recipients(["市人社局"], path) == 0
    assert load_recipients(path) == book


def test_seed_table_end_to_end(mail_project, mail_server, mail_seed_table):
    """The real judged table of the seed and the shipped recipients, through SMTP."""
    shutil.copy(mail_seed_table, mail_project.tasks)
    tasks = pd.read_parquet(mail_project.tasks)
    assert len(tasks) == 191
    store = Store()
    c = mail_server(store)
    mail_project.recipients.write_bytes(paths.RECIPIENTS_CSV.read_bytes())
    assert _send(mail_project, c) == 0
    msgs = dict(zip(_targets(store.messages()), store.messages()))
    envs = dict(zip(_targets(store.messages()), store.envelopes))
    book = load_recipients(paths.RECIPIENTS_CSV)
    assert sorted(msgs) == sorted(["city", *BUREAUS])
    for target, msg in msgs.items():
        assert envs[target].rcpt_tos == book[target].envelope
        text = msg.get_body(("plain",)).get_content()
        mine = tasks if target == "city" else tasks[tasks["bureau"] == target]
        n_behind = int((mine["status"] == "behind").sum())
        assert f"共有重点工作{len(mine)}项" in text and f"滞后于序时进度的{n_behind}项" in text
        if target != "city":  # every task it leads first that is behind is named, with its reference
            kinds = {"quantified": "量化", "general": "重点"}
            for r in mine[mine["status"] == "behind"].itertuples():
                assert f"[{kinds[r.table]}{r.seq}] " in text
        assert _attachments(msg)[_pdf_name("全市" if target == "city" else target)] == mail_project.pdfs[target]


def test_manifest_problems_are_one_line_errors(mail_project):
    data = json.loads(mail_project.manifest.read_text(encoding="utf-8"))
    data["briefings"].append({"kind": "pace_analysis", "bureau": None, "html": "x.html", "pdf": None})
    mail_project.manifest.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    plan = plan_messages(PERIOD, manifest=mail_project.manifest, tasks=mail_project.tasks,
                         recipients=mail_project.recipients, root=mail_project.root)
    assert len(plan.drafts) == 4  # research outputs are not mailed
    for text, problem in [
        ('{"period": "2024H1", "briefings": [', "清单无法读取"),
        ('{"period": "2024Q1", "briefings": []}', "这是 2024Q1 的清单，不是 2024H1 的"),
        ('{"period": "2024H1", "briefings": []}', "清单中没有任何简报"),
        ('{"period": "2024H1", "briefings": [{"kind": "bureau", "bureau": null, "pdf": "a.pdf"}]}',
         "briefings 第1项是单位简报，却没有单位名称；请重新运行 python -m helpers run"),
        ('{"period": "2024H1", "briefings": ["a.pdf"]}', "briefings 第1项不是对象（'a.pdf'）"),
        ('{"period": "2024H1", "briefings": [{"bureau": "市发改委"}]}', "briefings 第1项没有 kind"),
        ('{"period": "2024H1", "pages": []}', "不是运行清单（没有 briefings 列表）"),
    ]:
        mail_project.manifest.write_text(text, encoding="utf-8")
        with pytest.raises(MailError, match=re.escape(problem)):
            _run(mail_project)
    mail_project.manifest.unlink()
    with pytest.raises(MailError, match=re.escape("没有生成清单；请先运行 python -m helpers run --period 2024H1")):
        _run(mail_project)


# ------------------------------------------------------------------ issue #13: mail sends exactly what it shows

@pytest.mark.parametrize("cell,envelope", [
    ("a@example.org, b@example.org", ["a@example.org", "b@example.org"]),
    ("a@example.org; b@example.org;", ["a@example.org", "b@example.org"]),
    ("Boss <boss@example.org>, x@example.org", ["boss@example.org", "x@example.org"]),
    ('"Li, Wei" <li@example.org>; 王局长 <wang@example.org>', ["li@example.org", "wang@example.org"]),
    ("市发改委办公室 <fgw@example.org>", ["fgw@example.org"]),
])
def test_every_address_of_a_cell_is_a_recipient(tmp_path, cell, envelope):
    path = tmp_path / "recipients.csv"
    _write_recipients(path, [("bureau", "市发改委", cell, "")])
    r = load_recipients(path)["市发改委"]
    assert r.envelope == envelope
    # the header shows exactly those addresses, no more and no fewer
    header = ", ".join(map(str, r.to))
    assert [a for _, a in getaddresses([header])] == envelope


@pytest.mark.parametrize("cell,problem", [
    ("a@example.org b@example.org", "不是电子邮件地址"),  # no separator: the parser merges them
    ("a@example.org, b@", "未能读出"),
    ("a@example.org, <x>", "不是电子邮件地址"),
    ("a@example.org\nBcc: evil@example.org", "地址单元格中有换行或 NUL"),
    ("a@example.org\rBcc: evil@example.org", "地址单元格中有换行或 NUL"),
])
def test_a_cell_that_cannot_be_read_whole_is_refused_with_file_and_line(tmp_path, cell, problem):
    path = tmp_path / "recipients.csv"
    _write_recipients(path, [("city", "", "leaders@example.org", ""), ("bureau", "市发改委", "fgw@example.org", cell)])
    with pytest.raises(ReferenceError_) as e:
        load_recipients(path)
    assert str(e.value).startswith(f"{path}:3 (cc)：{problem}")
    assert "\n" not in str(e.value) and "\r" not in str(e.value)


def test_recipients_saved_by_excel_on_chinese_windows_are_read(tmp_path):
    path = tmp_path / "recipients.csv"
    path.write_bytes("kind,bureau,to,cc\r\nbureau,市生态环境局,环境局 <sthjj@example.org>,\r\n".encode("gbk"))
    r = load_recipients(path)["市生态环境局"]
    assert r.envelope == ["sthjj@example.org"] and r.to[0].display_name == "环境局"


@pytest.mark.parametrize("sender,problem", [
    ("briefings@example.org\r\nBcc: evil@example.org", "发件人中有换行或 NUL（.*）；发件人只能写一行"),
    ("a@example.org, b@example.org", "发件人须恰好一个地址，而不是2个"),
    ("not an address", "不是电子邮件地址"),
])
def test_a_bad_from_is_a_one_line_error(capsys, sender, problem):
    from helpers.cli import main

    rc = main(["mail", "--period", PERIOD, "--from", sender])
    err = capsys.readouterr().err
    assert rc == 2 and len(err.strip().splitlines()) == 1, err
    assert re.match(f"错误：--from：{problem}", err) and "Traceback" not in err


def test_a_line_break_in_a_cell_is_a_one_line_error_from_the_command(mail_project, capsys, monkeypatch):
    from helpers.cli import main

    _write_recipients(mail_project.recipients, [("bureau", "市发改委", "fgw@example.org\nBcc: evil@example.org", "")])
    monkeypatch.setattr(paths, "ROOT", mail_project.root)
    monkeypatch.setattr(paths, "OUTPUT", mail_project.root / "output")
    monkeypatch.setattr(paths, "PROCESSED", mail_project.root / "data" / "processed")
    monkeypatch.setattr(paths, "RECIPIENTS_CSV", mail_project.recipients)
    rc = main(["mail", "--period", PERIOD])
    err = capsys.readouterr().err
    assert rc == 2 and len(err.strip().splitlines()) == 1, err
    assert err.startswith(f"错误：{mail_project.recipients}:2 (to)：地址单元格中有换行或 NUL")
    assert not mail_project.mail_dir.exists()  # nothing drafted


@pytest.mark.integration
def test_the_envelope_is_exactly_the_visible_headers(mail_project, mail_server):
    """aiosmtpd's Message handler records the envelope as X-RcptTo beside the headers as sent."""
    from aiosmtpd.handlers import Message

    class Received(Message):
        def __init__(self):
            super().__init__()
            self.messages = []

        def handle_message(self, message):
            self.messages.append(message)

    rows = [
        ("city", "", "leaders@example.org, mayor@example.org", "duchaban@example.org"),
        ("bureau", "市发改委", "Boss <boss@example.org>, x@example.org", '"Li, Wei" <li@example.org>;duchaban@example.org'),
        ("bureau", "市人社局", "王局长 <wang@example.org>; 李处长 <li2@example.org>", ""),
        ("bureau", "市生态环境局", "sthjj@example.org", "sthjj@example.org"),  # the same address twice: sent once
    ]
    _write_recipients(mail_project.recipients, rows)
    handler = Received()
    c = mail_server(handler)
    assert _send(mail_project, c) == 0
    assert len(handler.messages) == 4
    expected = {
        "city": ["leaders@example.org", "mayor@example.org", "duchaban@example.org"],
        "市发改委": ["boss@example.org", "x@example.org", "li@example.org", "duchaban@example.org"],
        "市人社局": ["wang@example.org", "li2@example.org"],
        "市生态环境局": ["sthjj@example.org"],
    }
    for m in handler.messages:
        envelope = [a.strip() for a in str(m["X-RcptTo"]).split(",")]
        shown = [a for _, a in getaddresses(m.get_all("To", []) + m.get_all("Cc", []))]
        assert envelope == list(dict.fromkeys(shown)), (m["X-Helpers-Target"], envelope, shown)
        target = str(make_header(decode_header(m["X-Helpers-Target"])))
        assert envelope == expected[target]


# ------------------------------------------------------------------ issue #20: mail that a person approved

def test_preview_lists_every_message_with_its_data_hash(mail_project):
    import hashlib

    assert _run(mail_project, "--preview") == 0
    page = (mail_project.mail_dir / "preview.html").read_text(encoding="utf-8")
    record = json.loads((mail_project.mail_dir / "preview.json").read_text(encoding="utf-8"))
    assert [m["target"] for m in record["messages"]] == ["city", *BUREAUS]
    assert "待发送邮件（共 4 封）" in page
    for target in ("city", *BUREAUS):
        who = "全市" if target == "city" else target
        assert f"<td>{who}</td>" in page and f"{LABEL}重点工作落实情况简报 — {who}" in page
        for addr in _expected_rcpts(target):
            assert addr in page
        assert f"sha256 {hashlib.sha256(mail_project.pdfs[target]).hexdigest()}" in page


def test_send_refuses_what_changed_since_the_preview(mail_project, mail_server, capsys):
    store = Store()
    c = mail_server(store)
    send = ["mail", "--period", PERIOD, "--out", str(mail_project.mail_dir), "--send", "--allow-test-addresses",
            "--smtp-host", c.hostname, "--smtp-port", str(c.port)]
    assert _run(mail_project) == 0
    # a PDF rendered again after the preview: the message a person saw is not the one that would go
    (mail_project.out / f"bureau_{safe_slug('市人社局')}.pdf").write_bytes(_pdf("HRSS briefing, second render"))
    args = build_parser().parse_args(send)
    with pytest.raises(MailError, match="预览之后邮件有变化：市人社局 的附件已改变"):
        mail_command(**mail_options(args), manifest=mail_project.manifest, tasks=mail_project.tasks,
                     recipients=mail_project.recipients, root=mail_project.root)
    assert _run(mail_project) == 0
    # a recipient added after the preview
    rows = [r if r[1] != "市生态环境局" else (*r[:3], "boss@example.org") for r in RECIPIENT_ROWS]
    _write_recipients(mail_project.recipients, rows)
    with pytest.raises(MailError, match="市生态环境局 的抄送、收件地址已改变"):
        mail_command(**mail_options(args), manifest=mail_project.manifest, tasks=mail_project.tasks,
                     recipients=mail_project.recipients, root=mail_project.root)
    assert store.count == 0
    # previewed again, exactly what the preview listed goes
    assert _run(mail_project) == 0
    assert mail_command(**mail_options(args), manifest=mail_project.manifest, tasks=mail_project.tasks,
                        recipients=mail_project.recipients, root=mail_project.root) == 0
    assert store.envelopes[-1].rcpt_tos == ["sthjj@example.org", "duchaban@example.org", "boss@example.org"] or \
        any("boss@example.org" in e.rcpt_tos for e in store.envelopes)


def test_send_without_a_preview_is_a_one_line_chinese_error(mail_project, mail_server, project_root, capsys):
    store = Store()
    c = mail_server(store)
    project_root(mail_project.root)
    rc = main(["mail", "--period", PERIOD, "--send", "--smtp-host", c.hostname, "--smtp-port", str(c.port)])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1 and "没有邮件预览" in err
    assert store.count == 0


def test_placeholder_addresses_are_refused_unless_allowed(mail_project, mail_server, project_root, capsys):
    store = Store()
    c = mail_server(store)
    project_root(mail_project.root)
    assert main(["mail", "--period", PERIOD, "--preview"]) == 0
    assert "示例占位地址" in (mail_project.mail_dir / "preview.html").read_text(encoding="utf-8")
    capsys.readouterr()
    send = ["mail", "--period", PERIOD, "--send", "--smtp-host", c.hostname, "--smtp-port", str(c.port)]
    assert main(send) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "示例占位地址" in err and "--allow-test-addresses" in err
    assert store.count == 0
    # real domains (and the .invalid / .test / localhost ones still refused)
    for addr in ("x@luan.invalid", "x@mail.test", "x@mail.localhost", "x@sub.example.com"):
        rows = [("city", "", "leaders@luan.gov.cn", ""), ("bureau", "市发改委", "fgw@luan.gov.cn", addr)]
        _write_recipients(mail_project.recipients, rows)
        assert main(["mail", "--period", PERIOD, "--only", "city", "市发改委", "--from", "dc@luan.gov.cn"]) == 0
        capsys.readouterr()
        assert main([*send, "--from", "dc@luan.gov.cn"]) == 2, addr
        assert addr in capsys.readouterr().err
    _write_recipients(mail_project.recipients, [("city", "", "leaders@luan.gov.cn", ""),
                                                ("bureau", "市发改委", "fgw@luan.gov.cn", "")])
    assert main(["mail", "--period", PERIOD, "--only", "city", "市发改委", "--from", "dc@luan.gov.cn"]) == 0
    assert main([*send, "--from", "dc@luan.gov.cn"]) == 0
    assert sorted(r for e in store.envelopes for r in e.rcpt_tos) == ["fgw@luan.gov.cn", "leaders@luan.gov.cn"]


def test_a_second_send_skips_what_was_delivered(mail_project, mail_server, capsys):
    store = Store()
    c = mail_server(store)
    assert _send(mail_project, c) == 0
    assert len(store.envelopes) == 4
    capsys.readouterr()
    assert _send(mail_project, c, preview=False) == 0
    assert len(store.envelopes) == 4
    out = capsys.readouterr().out
    assert out.count("已发送过，跳过") == 4 and "已发送0封（共0封）" in out


class RefusingStore(Store):
    """Refuses RCPT TO for the addresses given, accepts the rest."""

    def __init__(self, refuse: set[str]):
        super().__init__()
        self.refuse = refuse

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def test_a_refused_recipient_is_reported_refused_and_never_as_sent(mail_project, mail_server, capsys):
    store = RefusingStore({"fgw-office@example.org"})
    c = mail_server(store)
    assert _send(mail_project, c) == 1
    out, err = capsys.readouterr()
    sent_fgw = next(l for l in out.splitlines() if "已发送：" in l and "市发改委" in l)
    assert "fgw-office@example.org" not in sent_fgw and "fgw@example.org" in sent_fgw
    assert "被拒收：市发改委：fgw-office@example.org（服务器答复：550 5.1.1 no such user）" in err
    log = json.loads((mail_project.mail_dir / "send-log.json").read_text(encoding="utf-8"))
    fgw = next(m for m in log["messages"] if m["target"] == "市发改委")
    assert fgw["status"] == "partly refused" and "fgw-office@example.org" not in fgw["accepted"]
    assert list(fgw["refused"]) == ["fgw-office@example.org"]
    # the address fixed on the server's side: a second --send reaches it alone
    store.refuse = set()
    assert _send(mail_project, c, preview=False) == 0
    assert store.envelopes[-1].rcpt_tos == ["fgw-office@example.org"] and len(store.envelopes) == 5


def test_mail_out_removes_only_the_drafts_it_wrote(mail_project, capsys):
    mine = mail_project.mail_dir / f"{PERIOD}-bureau-市人社局.eml"
    theirs = [mail_project.mail_dir / n for n in (f"{PERIOD}-bureau-市旧局.eml", "note.eml", "回复.eml")]
    mail_project.mail_dir.mkdir(parents=True)
    for f in theirs:
        f.write_bytes(b"Subject: kept\r\n\r\nwritten by a person\r\n")
    assert _run(mail_project) == 0 and mine.exists()
    # 市人社局 loses its recipients: its draft, written by the preview before, goes; nothing else
    _write_recipients(mail_project.recipients, [r for r in RECIPIENT_ROWS if r[1] != "市人社局"])
    assert _run(mail_project) == 1
    assert not mine.exists()
    assert all(f.read_bytes().startswith(b"Subject: kept") for f in theirs)
    assert len(list(mail_project.mail_dir.glob("*.eml"))) == 3 + 3


def test_smtp_port_out_of_range_is_refused(capsys):
    rc = main(["mail", "--period", PERIOD, "--smtp-port", "70000"])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1 and "70000" in err and "65535" in err


def test_fullwidth_and_ascii_names_do_not_share_an_attachment_name():
    names = ["市ＡＢＣ局", "市ABC局", "市A/B局", "市A_B局", "市A:B局"]
    files = [attachment_name(LABEL, n) for n in names]
    assert len(set(files)) == len(names)
    assert files[0] == f"{LABEL}重点工作落实情况简报_市ＡＢＣ局.pdf" and "/" not in files[2] and ":" not in files[4]


# ------------------------------------------------------------------ issue #22: mail that an office sends

def _settings(project) -> Path:
    return project.root / "data" / "reference" / "mail_settings.toml"


def test_the_office_speaks_in_its_own_words_and_nothing_names_the_tool(mail_project):
    plan = plan_messages(PERIOD, manifest=mail_project.manifest, tasks=mail_project.tasks,
                         recipients=mail_project.recipients, root=mail_project.root, settings=_settings(mail_project))
    msgs = {d.target: d.message for d in plan.drafts}
    fgw = msgs["市发改委"]
    text, page = fgw.get_body(("plain",)).get_content().replace("\r\n", "\n"), fgw.get_body(("html",)).get_content()
    # 市发改委 leads 4 tasks first (量化1, 7, 8, 12), 3 behind; 量化12 is 20 points behind: yellow
    assert text.startswith("市发改委：\n\n现将2024年上半年市发改委牵头重点工作落实情况简报发送给你们。"
                           "本单位牵头重点工作4项，其中3项滞后于序时进度；预警：黄色预警1项。")
    assert "<p>市发改委：</p>" in page and "预警：黄色预警1项" in page
    assert text.rstrip().endswith("如对判定结果有异议，请于5个工作日内与督查室联系。\n\n六安市人民政府督查室")
    assert str(fgw["Reply-To"]) == "duchashi@example.org"
    assert msgs["city"].get_body(("plain",)).get_content().replace("\r\n", "\n").startswith("各位领导：\n\n现将2024年上半年全市")
    for m in msgs.values():
        whole = m.as_string().lower()
        for body in (m.get_body(("plain",)).get_content(), m.get_body(("html",)).get_content(), str(m["Subject"])):
            assert "python" not in body.lower() and "helpers" not in body.lower()
        assert "python -m" not in whole


def test_an_edited_settings_file_changes_the_next_preview(mail_project):
    path = _settings(mail_project)
    text = path.read_text(encoding="utf-8")
    text = text.replace('name = "六安市人民政府督查室"', 'name = "某市政府办公室督查科"')
    text = text.replace('greeting = "{unit}："', 'greeting = "尊敬的{unit}负责同志："')
    text = text.replace('sender = "六安市人民政府督查室 <duchashi@example.org>"', 'sender = "督查科 <dck@example.net>"')
    path.write_text(text, encoding="utf-8")
    assert _run(mail_project) == 0
    record = json.loads((mail_project.mail_dir / "preview.json").read_text(encoding="utf-8"))
    rsj = next(m for m in record["messages"] if m["target"] == "市人社局")
    assert rsj["text"].startswith("尊敬的市人社局负责同志：") and rsj["text"].rstrip().endswith("某市政府办公室督查科")
    assert rsj["from"] == "督查科 <dck@example.net>"


@pytest.mark.parametrize("template,problem", [
    ('greeting = "{unit}{lag}："', "{lag} 不是可用的名称；可用的名称：{unit}、{period}"),
    ('greeting = "{unit"', "模板写法有误"),
])
def test_a_template_naming_a_blank_that_does_not_exist_is_refused(mail_project, template, problem):
    path = _settings(mail_project)
    path.write_text(path.read_text(encoding="utf-8").replace('greeting = "{unit}："', template), encoding="utf-8")
    with pytest.raises(MailError) as e:
        _run(mail_project)
    assert str(e.value).startswith(f"{path}: [bureau] greeting") and problem in str(e.value)
    assert "\n" not in str(e.value)


def test_a_recipient_name_a_spreadsheet_would_run_is_written_as_text(tmp_path):
    path = tmp_path / "recipients.csv"
    _write_recipients(path, [("bureau", "市发改委", "=cmd|' /C calc'!A0 <real@fgw.gov.cn>", "")])
    write_placeholder_recipients(["市人社局"], path)
    assert "'=cmd|" in path.read_text(encoding="utf-8")
    assert [a.addr_spec for a in load_recipients(path)["市发改委"].to] == ["real@fgw.gov.cn"]


def test_a_server_without_starttls_or_login_is_named_in_chinese(mail_project, mail_server):
    """--starttls or --smtp-user against a server that offers neither: what to change, in Chinese."""
    c = mail_server(Store())
    plan = plan_messages(PERIOD, manifest=mail_project.manifest, tasks=mail_project.tasks,
                         recipients=mail_project.recipients, root=mail_project.root)
    tls = send_drafts(plan.drafts, c.hostname, c.port, starttls=True)
    assert tls.failed == [("(connection)", "邮件服务器不支持 STARTTLS；请去掉 --starttls，或换用支持加密的端口")]
    login = send_drafts(plan.drafts, c.hostname, c.port, user="dc-office", password="pw")
    assert login.failed == [("(connection)", "邮件服务器不支持登录（AUTH）；请去掉 --smtp-user，或加 --starttls 后重试")]
    assert len(tls.not_attempted) == len(login.not_attempted) == 4


def test_an_unknown_mail_host_is_named_in_chinese():
    from helpers.deliver.smtp import smtp_problem

    try:
        socket.getaddrinfo("no-such-host.invalid", 25)  # .invalid never resolves (RFC 2606)
    except socket.gaierror as e:
        problem = smtp_problem(e, "no-such-host.invalid", 25)
    else:
        pytest.fail("no-such-host.invalid resolved")
    assert problem == ("无法连接邮件服务器 no-such-host.invalid:25（找不到这个主机名）；"
                       "请检查 --smtp-host、--smtp-port 和网络")
