"""Every text a researcher reads on the command line or in a notebook's error, in Chinese, in one place.

Engineers' logs and code speak English; what reaches the researcher speaks Chinese, names the
file and says what to do. Each text is a template with named blanks, filled by `say(key, **facts)`;
a blank left without a fact is an engineer's mistake and raises KeyError naming it.
Other modules keep no Chinese message of their own: they add a key here and call `say`.
"""

from __future__ import annotations

import string
from typing import Any

#: Key → Chinese template. Grouped by where the text appears.
TEXTS: dict[str, str] = {
    # --- prefixes of the command line's lines
    "error": "错误：{text}",
    "warning": "提示：{text}",
    "interrupted": "已中断。",
    "cli.usage": "{prog}：{problem}（用法见 {prog} --help）",
    "forced": "警告：{text}",
    # --- files and folders the researcher names
    "file.missing_link": "符号链接指向的文件不存在（{target}）",
    "file.is_folder": "这是文件夹，不是文件",
    "file.too_big": "文件大小{mb:.1f} MB，超过输入文件{cap} MB的上限",
    "file.empty": "空文件",
    "file.undecodable_bom": "第{at}字节起无法解码（按文件开头的标记应是 {encoding}）；请另存为 UTF-8",
    "file.undecodable": "第{at}字节起无法解码（不是 UTF-8、UTF-16 或 GB18030 文本）；请另存为 UTF-8",
    "file.binary": "二进制文件（含 NUL 字节），不是文本",
    "file.control_char": "含二进制内容（控制字符 {char}）",
    "file.over_cap": "超过输入文件{cap} MB的上限（是设备或管道吗？）",
    "folder.none": "路径上没有已存在的文件夹",
    "folder.is_file": "这是文件，不是文件夹",
    "folder.under_file": "位于文件 {probe} 之下，不是文件夹",
    "folder.cannot_write": "无法在此写入：{problem}",
    # --- table: the summary and what the researcher should check in the report
    "table.summary": ("{period}：任务{tasks}项（{counts}），其中滞后{behind}项；未归入任务的文字{unassigned}行；"
                      "任务表已写入 {folder}"),
    "table.forced_period": ("已按 --period {period} 强制判断：{raw}：{conflict}；所有任务都按{period}的序时进度判断，"
                            "请确认期别无误"),
    "table.no_period": "无法从标题“{title}”读出报告期；请加 --period（如 2024H1）",
    "table.force_period": "{conflict}；如果是标题写错了，请用 python -m helpers table {path} --period {period} --force-period 生成任务表",
    "table.period_same_months": "--period {given} 与报告标题“{title}”所指同为{year}年1-{month}月，但本报告的期间代码是 {found}：请用 --period {found}",
    "table.period_conflict": "--period {given} 与报告标题“{title}”不符：标题是{found}（序时进度{found_pace}，而不是{given_pace}）",
    "table.declared": "{table}：标题声明{declared}项，解析出{parsed}项；请对照原文检查是否漏读或多读",
    "table.section_declared": "章节“{section}”：声明{declared}项，解析出{parsed}项；请对照原文检查",
    "table.seq_gaps": "序号有缺漏：{gaps}；请对照原文检查是否漏读",
    "table.seq_repeats": "序号重复：{repeats}；请对照原文检查",
    "table.unassigned": "有{n}行文字未能归入任何任务（见数据质量报告或 quality.json）",
    "table.no_city": "报告标题和正文中没有写明城市：单位名称按原文保留，不作更名（可用 --city 指定城市）",
    "table.unknown_units": ("以下单位不在 data/reference/bureaus.csv（{city}）中，按原文保留：{units}；"
                            "如是新单位或别称，请在该表中补充"),
    "table.read_doubts": "有{n}行读取存疑，已列入待复核（quality.json → read_flags）：{tasks}",
    "table.glued_units": "以下任务的落实情况以一串单位名称开头，可能误并了单位栏，请核对：{tasks}",
    "table.no_unit_column": "表格没有牵头单位一栏：单位留空",
    "table.truncated": "原文在任务 {tasks} 的中途结束（报告不完整）：已保留并列入待复核",
    "table.data_months": ("报告期{period}截至{end_month}月，但落实情况中的数据多截至{month}月（如“1-{month}月”，"
                          "共{n}处）：可能是该期的早期数据，请核对标题或用 --period 指定期别"),
    "table.rebuild": "任务表 {folder} 与其记录不符（{problems}），正在重新生成",
    "table.stale": ("{folder}：任务表与其记录不符（{problems}）；请运行 python -m helpers table 原文文件 "
                    "--period {period} 重新生成"),
    "record.none": "没有 {record}（任务表由旧版本生成，或尚未生成）",
    "record.file": "{name} 与生成任务表时记录的不同",
    "record.raw": "任务表由 {built} 生成，而不是本次的 {given}",
    "record.reference": "参照表有改动：{names}",
    "record.code": "程序已更新",
    "record.margin": "判断时的超序时幅度为{was}，本次要求{asked}",
    "record.period": "任务表是{found}期的，不是{period}",
    # --- run
    "run.no_report": ("{raw} 中没有文件名含 {period} 的报告（如 luan_{period}.txt），也没有已生成的 {period} 任务表："
                      "请把报告存入 {raw}，或用 --raw 指定报告文件"),
    "run.raw_missing": "找不到报告文件",
    "run.pages": "{period}：共{total}页，需生成{pending}页{why}……",
    "run.pages_rebuilt": "（任务表已重新生成）",
    "run.summary": "{period}：已生成{rendered}页、未变{kept}页{failed}，用时{seconds:.1f}秒{rebuilt}；清单：{manifest}",
    "run.summary_failed": "、失败{n}页（{who}）",
    "run.failed": "生成失败：{who}：{error}（已执行的笔记本：{notebook}）；请在 JupyterLab 中打开该笔记本查看出错的单元格",
    "run.stale": ("清单中有{n}页（{who}）是用较早的任务表生成的；发送邮件前请运行 python -m helpers run "
                  "--period {period} 重新生成全部单位"),
    "run.front_page": "本期首页：{path}（用浏览器打开，可查看、排序和筛选本期全部简报）",
    "run.ledger": "督查台账：{path}{unchanged}",
    "run.unchanged": "（未变）",
    "run.ledger_kept": "{asked} 中有人工添加的内容（备注、列或工作表），未覆盖；新台账写在 {path}",
    "run.ledger_failed": "督查台账未能写出：{text}",
    "server.fallback": "渲染服务未能完成（{why}），其余{n}页由本次命令自行生成",
    "server.stopped": "已停止本项目的渲染服务（进程 {pid}）",
    "server.none": "本项目没有正在运行的渲染服务",
    "server.status": "渲染服务运行中（进程 {pid}，{workers}个工作进程，备用内核{capacity}个）：{socket}",
    "compare.none": "{period}：未找到{year}年更早一期的任务表，本期不作较上期比较",
    "compare.summary": "{period}与{prev}比较：{parts}",
    "compare.build_earlier": "为比较较上期变化，先生成同年更早一期{period}的任务表（原文：{raw}）",
    # --- reference tables a researcher edits
    "reference.missing": "{path}：缺少参照表，请从项目仓库恢复该文件。",
    "reference.bad_number": "{path}:{line}：“{column}”应为数字，而不是“{value}”；请改正后重新运行。",
    "reference.empty": "{path}：没有任何一行，请至少保留一个预警等级。",
    "reference.bad_colour": "{path}:{line}：颜色应写成 #RRGGBB（如 #c0271b），而不是“{value}”。",
    "reference.duplicate": "{path}:{line}：预警等级“{value}”重复，请保留一行。",
    "reference.no_rule": "{path}:{line}：预警等级“{value}”没有任何条件（落后百分点、连续滞后期数或原文状态至少填一项）。",
    # --- rendering: the CJK font, the Jupyter kernels, a page that failed
    "fonts.missing": ("没有找到中文（CJK）字体：请安装一种（Debian/Ubuntu：apt-get install fonts-noto-cjk；"
                      "macOS：brew install --cask font-noto-sans-cjk-sc），或运行 bash scripts/ensure-font.sh"),
    "fonts.subset": "{path}：无法从字体中截取 PDF 所需的字形（字体第{index}个字面）；请换一种中文字体",
    "kernel.no_such": "找不到名为“{name}”的 Jupyter 内核；请在项目文件夹中运行 make setup（会安装 ipykernel）",
    "kernel.cannot_start": "Jupyter 内核无法启动（{problem}）；请在项目文件夹中运行 make setup",
    "kernel.died": "Jupyter 内核在回应之前退出了（可能是内存不足或环境损坏）；请用 --jobs 1 重新运行，仍失败请运行 make setup",
    "kernel.timeout": "Jupyter 内核在{seconds:.0f}秒内没有回应（本机可能过于繁忙）；请用 --jobs 1 重新运行",
    "kernel.incomplete": "执行后的笔记本未能完整写出（磁盘已满？）；请清理空间后重新运行",
    "render.cell": "第{cell}个单元格出错：{name}: {text}",
    "render.crashed": "程序出错（{name}: {text}）",
    "render.worker": "生成页面的进程意外退出（{name}: {text}）；请重新运行",
    # --- briefing notebooks
    "figures.no_unit": "没有以“{unit}”为牵头单位的任务{similar}",
    "figures.similar": "；相近的单位：{units}",
    "tables.no_pace": "任务表既没有序时进度（pace）也没有期间（period）：无法判断报告期；请运行 python -m helpers table 重新生成",
    "display.no_tasks": "{who}：没有任务，无法确定标题句所说的报告期",
    "facts.missing": ("句子模板中的“{{{name}}}”不是本页的数据项。请改正笔记本中的模板；"
                      "可用的数据项有：{available}"),
    "facts.bad_template": "句子模板“{template}”写法有误（{problem}）；花括号只用于数据项，如 {{n}}。",
    "lock.waiting": "另一个 table 或 run 正在使用 {path}，等待其结束……",
    # --- mail: the preview, the sending and what to do next
    "mail.previewed": "预览：将发送{n}封邮件，草稿在 {folder}",
    "mail.draft": "    草稿：{name}",
    "mail.no_recipients": "{n}份简报没有收件人，未发送：{units}；请在 {csv} 中补充收件人，然后用 --only 重新运行",
    "mail.sent": "已发送{went}封（共{total}封），经 {host}:{port}（发送记录：{log}）",
    "mail.sent_one": "  已发送：{subject} → {to}",
    "mail.skipped": "  已发送过，跳过：{subject}",
    "mail.refused": "  被拒收：{unit}：{addr}（服务器答复：{why}）",
    "mail.not_sent": "  未发送：{unit}：{err}",
    "mail.not_attempted": "  未发送：{unit}（未尝试）",
    "mail.no_user": "设置了 {env}，但没有 --smtp-user，不登录",
    "mail.plain_login": "未用 --starttls 登录，密码将以明文发送",
    "mail.rerun": "发送其余邮件：{command}",
    "mail.connection": "（连接邮件服务器）",
    "mail.bad_port": "--smtp-port {port}：端口号须在 1 到 65535 之间（常用 25、465、587）",
    "mail.only_not_previewed": "--only：{unknown} 不在上次预览所列的邮件中；请先预览",
    "mail.placeholders": ("{n} 个地址是示例占位地址（{shown}{more}），不会发送：请在 {csv} 和发件人设置中填写真实地址；"
                          "仅为测试时加 --allow-test-addresses"),
    "mail.placeholders_more": " 等",
    "smtp.connect": "无法连接邮件服务器 {host}:{port}（{problem}）；请检查 --smtp-host、--smtp-port 和网络",
    "smtp.refused_connection": "对方拒绝连接，该端口上没有邮件服务",
    "smtp.no_host": "找不到这个主机名",
    "smtp.timed_out": "连接超时",
    "smtp.auth": "邮件服务器拒绝登录（{reply}）；请检查 --smtp-user 和环境变量 {env} 中的密码",
    "smtp.needs_login": "邮件服务器要求先加密或登录（{reply}）；请加 --starttls，需要时再加 --smtp-user",
    "smtp.no_auth": "邮件服务器不支持登录（AUTH）；请去掉 --smtp-user，或加 --starttls 后重试",
    "smtp.no_starttls": "邮件服务器不支持 STARTTLS；请去掉 --starttls，或换用支持加密的端口",
    "smtp.tls": "加密连接（TLS）失败（{problem}）；请检查服务器证书，或联系邮件管理员",
    "smtp.cert": "服务器证书未通过验证：{why}",
    "smtp.sender_refused": "服务器拒绝发件人 {addr}（{reply}）；请检查 --from 或邮件设置中的发件人地址",
    "smtp.data_refused": "服务器拒收这封邮件（{reply}）",
    "smtp.disconnected": "邮件服务器断开了连接（{reply}）",
    "smtp.reply": "邮件服务器答复错误（{reply}）",
    "smtp.non_ascii_login": "用户名或密码含非 ASCII 字符，SMTP 登录无法发送",
    "smtp.other": "发送出错（{problem}）",
    "mail.user_without_password": "给出了 --smtp-user {user}，但没有设置 {env}（密码只从这个环境变量读取）",
    "mail.password_not_ascii": "{env} 含有非 ASCII 字符，SMTP 登录（smtplib）无法发送",
    # --- mail: is the run one finished, consistent run it can send from
    "mail.no_manifest": "没有生成清单；请先运行 python -m helpers run --period {period}",
    "mail.other_period": "这是 {found} 的清单，不是 {period} 的",
    "mail.listed_twice": "{who} 的简报在清单中出现两次",
    "mail.unfinished": "{problem}；发送邮件前请重新运行 python -m helpers run --period {period}",
    "mail.failures": ("{path}：上次运行有{n}份简报生成失败：{shown}{more}；请修正后重新运行 "
                      "python -m helpers run --period {period}，再发邮件"),
    "mail.pdf_missing": "{n}份简报缺少 PDF：{which}；发送邮件前请重新运行 python -m helpers run --period {period}",
    "mail.pdf_not_listed": "{who}（清单中没有 PDF）",
    "mail.pdf_not_pdf": "{who}（{path} 不是 PDF 文件）",
    "mail.only_unknown": "--only：{path} 中没有 {unknown} 的简报（已有：{known}）",
    "mail.table_period": "任务表是 {found} 的，不是 {period} 的",
    "mail.no_briefings": "{path}：清单中没有任何简报；请运行 python -m helpers run --period {period}",
    "mail.leads_nothing": "{who}：任务表中没有它作为第一牵头单位的任务，邮件中写作牵头0项",
    "manifest.in_progress": "{folder}：有一次运行正在进行或被中断（{marker} 还在）",
    "manifest.checksum": "{path}：与清单记录的校验值不符（缺失、截断或在运行后被改动）",
    "manifest.tables_changed": "{manifest}：任务表 {tables} 在这次运行之后有改动",
    "manifest.stale": "{manifest}：有{n}份简报是用较早的任务表生成的（{who}）",
    # --- the review loop
    "review.imported": ("{period}：读到更正{n}条（新增{new}条、更新{updated}条、未变{unchanged}条），已写入 {overrides}；"
                        "请运行 python -m helpers run --period {period} 重新生成简报"),
    "review.nothing": "{period}：台账的“更正状态”一栏没有填写任何更正，{overrides} 未改动",
    "review.not_status": "“{value}”不是状态；请填 {names} 中的一个",
    "review.no_status": "任务 {task}：没有给出状态",
    "review.bad_status": "任务 {task}：{problem}",
    "review.no_task": "{period} 的任务表中没有任务 {task}",
    "corrections.no_file": "文件不存在；请给出填写了“更正状态”的台账（.xlsx）",
    "corrections.unreadable": "不是可读取的 .xlsx 工作簿（{kind}）；请用 Excel 或 WPS 打开后另存为 .xlsx",
    "corrections.no_sheet": "没有名为“{sheet}”的工作表；请给出 python -m helpers ledger 生成的督查台账",
    "corrections.no_column": "工作表“{sheet}”的表头没有“{columns}”一栏",
    "corrections.no_period": "工作表“{sheet}”中没有“{row}”一行；请加 --period（如 2024H1）",
    "corrections.other_period": ("这是 {found} 的台账，不能按 {period} 导入：编号只在同一期报告内指同一项任务；"
                                 "请用 {period} 的台账，或去掉 --period"),
    "corrections.cell": "工作表“{sheet}”的 {cell} 格",
    "corrections.formula": ("{where}：单元格是公式 {formula!r}，但没有计算结果（由程序写入、未经 Excel/WPS 计算）；"
                            "请直接填写，或在 Excel/WPS 中打开、保存后再导入"),
    "corrections.bad_status": "{where}：“{column}”栏的{problem}",
    "corrections.no_task_id": "{where}：填了“{column}”，但“{task_id}”为空",
    "corrections.twice": "{where}：任务 {task} 的更正填了两次，且不相同（第一次在{first}）",
    "corrections.unknown_task": "{where}：{period} 的任务表中没有任务 {task}（报告改动后编号可能已变）；请核对编号",
    "corrections.no_key": ("{where}：台账没有记录任务 {task} 的任务键，而任务表在台账生成后已变：编号可能已指向另一项任务；"
                           "请重新生成台账后再填写"),
    "corrections.moved": ("{where}：任务 {task} 已不是台账中的那一项（台账：“{shown}”；本期表：“{now}”）："
                          "报告在台账生成后有增删；请重新生成台账、复核后再导入"),
    "corrections.shown_unknown": "（台账中的那一项）",
    "corrections.decided_since": ("{where}：任务 {task} 在台账生成后已另行更正为“{now}”（{overrides}:{line}），"
                                  "台账中填的是“{given}”；请重新生成台账，核对后再填写"),
    "corrections.no_table": "{period}：没有可用来核对更正的任务表（{problem}）",
    "overrides.status": "状态“{value}”不是可用的状态代码；请写 {codes} 中的一个",
    "overrides.twice": "{task} 的 {field}（{period}）在这一行是“{value}”，在第{line}行是“{other}”；请只保留一行",
    "overrides.unknown_task": "{period} 的任务表中没有任务 {task}（报告改动后编号可能已变）；请核对编号，或删去这一行",
    "overrides.field": "“{field}”不能更正；可更正的栏目：{fields}",
    "overrides.empty": "“{column}”为空；每行须写明期间（period）、任务编号（task_id）和更正的栏目（field）",
    "overrides.not_number": "{field} 应为数字，而不是“{value}”",
    "overrides.out_of_range": "{field}“{value}”超出范围：{hint}",
    "overrides.completion_range": "应为 0 到 {most:g} 之间的小数，或 51.7% 这样的百分数",
    "overrides.lag_range": "应为 -1000 到 100 之间的百分点数（序时进度减去完成比例）",
    "overrides.method": "方法“{value}”不可用；请写 {methods} 中的一个",
    "overrides.not_bool": "{field} 只能写 true 或 false，而不是“{value}”",
    "overrides.new_row": "{path}（导入的第{n}条更正）",
    "overrides.contradicts": ("{field} {value:g} 表示 {task} {position}，但其状态是{status}；"
                              "请同时更正状态，或删去 {field} 这一行（由规则计算）"),
    "overrides.below": "落后序时进度{pts:g}个百分点",
    "overrides.at_or_above": "不低于序时进度（高出{pts:g}个百分点）",
    "overrides.key_gone": ("{task} 的更正针对的任务（任务键 {task_key}）{where}：报告在更正之后有改动；"
                           "请重新生成台账、复核后再导入，或删去这一行"),
    "overrides.key_twice": "在本期表中出现多次",
    "overrides.key_missing": "已不在本期表中",
    "overrides.meeting": "这一行与第{line}行都更正 {task} 的 {field}（“{value}”与“{other}”）；请只保留一行",
    "chain.not_earlier": "--compare-to {want}：不是 {year} 年中早于 {period} 的一期",
    "chain.not_built": "--compare-to {want}：{folder} 中没有任务表；请先运行 python -m helpers table 原文文件 --period {want}",
    "roles.unknown": "栏目角色“{role}”不可用；可用的角色：{roles}",
    "roles.twice": "表头词“{word}”出现两次，角色不同；请只保留一行",
    "roles.no_seq": "没有任何表头词的角色是 seq（序号）；请恢复“序号,seq”等行",
    "sectors.unknown": "领域代码“{code}”不可用；可用的代码：{codes}",
    "sectors.twice": "领域 {code} 写了两次；请只保留一行",
    "sectors.missing": "须列出全部{n}个领域，缺少：{missing}",
    "run.formats": "--formats：只能是 html、pdf 或 html,pdf（给的是 {got}）",
    "arg.not_whole": "不是整数：{text!r}",
    "arg.not_number": "不是数字：{text!r}",
    "arg.jobs_range": "{n} 不在 1 到 {cores} 之间（本机的核数；0 表示全部）",
    "arg.margin_range": "{text} 不在 [0, 1) 之间：应写成 0.10 这样的小数，表示高出序时进度十个百分点",
    "tables.missing": "{path}：文件不存在；请先运行 python -m helpers table 报告文件 生成任务表",
    "tables.other_period": "{folder}：这些表属于 {found}，不是 {period}",
    "tables.no_margin": "{folder}：tasks.parquet 没有记录超序时幅度；请运行 python -m helpers table 重新生成",
    "manifest.unreadable": "{path}：清单无法读取（{problem}）；请重新运行 python -m helpers run",
    # --- the reference tables' own rows
    "ref.missing_table": "{path}：文件不存在（{what}）",
    "bureaus.empty_name": "名称为空",
    "bureaus.twice": "{name} 映射了两次（第{first}行映射到 {first_to}，此处映射到 {here}）；请只保留一行",
    "bureaus.chain": "{name} 映射到 {canon}，而 {canon} 本身又映射到 {then}；请把 {name} 直接映射到现名",
    "roles.empty_word": "表头词为空",
    "sectors.bad_pattern": "匹配式有误（{problem}）",
    "sectors.unit_twice": "牵头单位 {unit} 已在第{line}行归入领域 {sector}；请只保留一行",
    "sectors.match": "match 只能是 task 或 bureau，而不是 {match!r}",
    "sectors.id_twice": "rule_id {rule_id} 重复（第一次在第{line}行）",
    "matches.bad_period": "期间代码有误：{period!r} 或 {prev!r}（应写作 2024H1 这类）",
    "matches.empty_id": "task_id 为空",
    "matches.not_earlier": "prev_period {prev} 不是 {period} 同一年中更早的期间",
    "matches.no_task": "任务 {task} 不在 {period} 的任务表中",
    "ref.header": "表头须是 {header}",
    "lexicon.holds": "判断所用的词语表",
    "lexicon.unknown_kind": "类别（kind）“{kind}”不可用；可用的类别：{kinds}",
    "lexicon.empty_phrase": "词语（phrase）为空",
    "lexicon.not_share": "{kind} 类词语的含义（meaning）应为大于 0、不超过 1 的比例（如 0.5），而不是“{meaning}”",
    "lexicon.meaning": "{kind} 类词语的含义（meaning）“{meaning}”不可用；应为 {allowed} 之一",
    "lexicon.example": "例句“{example}”中没有词语“{phrase}”；例句须包含该词语",
    "lexicon.twice": "{kind} 类词语“{phrase}”与第{line}行重复；请只保留一行",
    "lexicon.empty_class": "没有 {what} 的词条（这一类至少要有一条，否则整类说法都读不出来）；请恢复被删除的行",
    "lexicon.official_meaning": "官方用语 {word!r} 的含义写成了 {code!r}，应为 {allowed} 之一",
    # --- period codes and the recipients list
    "period.unknown": "不认识的期间代码 {code!r}（应写作 2024H1、2024Q1、2024Q3、2021FY、2024M11 这类）",
    "period.month": "期间代码 {code!r} 的月份不在 1 到 12 之间",
    "recipients.crlf": "{where}：地址单元格中有换行或 NUL（{cell!r}）；每格一行，地址之间用 ; 分隔",
    "recipients.not_address": "{where}：不是电子邮件地址：{addr!r}（在 {cell!r} 中）",
    "recipients.bad_address": "{where}：不是电子邮件地址：{addr!r}（{problem}）",
    "recipients.unaccounted": ("{where}：未能读出 {cell!r} 中的全部地址（读到{n}个：{found}）；地址之间用 ; 分隔，"
                               "姓名写成 姓名 <a@b.org>"),
    "recipients.one_sender": "{where}：发件人须恰好一个地址，而不是{n}个：{sender!r}",
    "recipients.missing": "{path}：文件不存在；它列出每份简报的收件人（列：{columns}）",
    "recipients.header": "{path}：表头应为 {columns}，实际是 {header}",
    "recipients.kind": "{where}：kind 只能是 city 或 bureau，而不是 {kind!r}",
    "recipients.no_bureau": "{where}：bureau 行须写明单位名称",
    "recipients.twice": "{where}：{who}的第二行（每个对象只能有一行）",
    "recipients.cc_only": "{where}：有 cc 而没有 to；每封邮件须在 to 中有收件人",
    "ledger.unimported": ("未覆盖：此台账中填写的{n}条更正尚未导入（{ids}）；请先运行 python -m helpers review import "
                          "{path}，或加 --force 覆盖"),
    "ledger.unreadable": "未覆盖：台账中的更正无法导入（{problem}）；请修正后导入，或加 --force 覆盖",
}


def say(key: str, **facts: Any) -> str:
    """The Chinese text `key` with its blanks filled from `facts`."""
    return TEXTS[key].format(**facts)


def blanks(template: str) -> list[str]:
    """The named blanks of a template, in order (a format spec such as {share:.1f} counts by its name)."""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]
