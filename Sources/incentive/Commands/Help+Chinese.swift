/// The help pages in Chinese, what `incentive help` prints by default (`--lang en` for the English
/// pages in `Help.swift`). Options, keywords and examples are the same in both: they are typed.
extension Help {
    /// The page for a command (nil: the overview) in the language asked for.
    static func page(_ command: String?) -> String {
        guard let command else { return Language.english ? overview : overviewChinese }
        return Language.english ? text(for: command) : chineseText(for: command)
    }

    static let overviewChinese = """
    incentive —— 政策兑现计算器：企业能享受哪些政策、多少金额、依据是什么。

    用法：incentive <命令> [选项]

    命令：
      estimate PROFILE --year Y     一家企业在某年度适用的全部规则
      batch FILE --year Y           批量评估（CSV 或 JSON Lines）：排名、资金池、合计
      explain PROFILE RULE --year Y 一条规则的完整推导
      check [DIR]                   解析并检查政策文件
      test [DIR]                    运行政策文件中附带的测试
      list [--region R] [--year Y]  适用的政策和规则及其出处
      eval EXPR [--input JSON]      计算一个政策语言表达式
      replay LOG                    重算每条决定记录并校验哈希链
      snapshot [DIR] -o FILE        把全部政策原文及摘要存为一个文件
      help [COMMAND]                本说明，或某个命令的说明

    政策来自 --policies DIR 或 --policies SNAPSHOT（incentive snapshot 生成的文件），否则使用本程序内置的 Policies/。
    退出码：0 成功；1 已完成，但部分输入有误；2 用法错误；3 政策有误。
    表格、报告和提示默认使用中文；任何命令加 --lang en 改用英文。

    示例：
      incentive estimate Examples/pujiang-precision.json --year 2020
      incentive estimate Examples/deqing-no-rd.json --year 2023 --format json
      incentive explain Examples/pujiang-precision.json cn.rd-super-deduction --year 2020
      incentive batch Examples/batch-deqing.csv --year 2023 --out results.csv
      incentive list --region 330726 --year 2020
      incentive eval '12% * 20000000'
      incentive estimate Examples/pujiang-precision.json --year 2020 --record decisions.jsonl
      incentive replay decisions.jsonl
    """

    static func chineseText(for command: String) -> String {
        switch command {
        case "estimate":
            return """
            用法：incentive estimate PROFILE --year Y [--format table|json|md|html] [--lang zh|en] [--explain]
                                      [--set PATH=VALUE …] [--cohort FILE] [--policies DIR|SNAPSHOT]
                                      [--out FILE] [--record LOG]

            按企业所在地区，评估一份企业档案（JSON，见 profile.md）在评估年度 Y 适用的每条规则：结果、金额（叠加和
            限额之后的实付金额）及依据；并列出差距：改变哪一项数据、改变多少即可满足未满足的条件，缺失的数据需要
            达到什么值。需要排名的规则（前十名）需在全体申报企业中评定（batch），保持“待定”；给出 --cohort FILE
            （批量文件，CSV 或 JSON Lines）时，在其中的企业间排名（同一信用代码的行被本档案替换），资金池也在其中分配。

              --format   table（默认）、json（design.md 约定的格式）、md（Markdown）、html（可打印为 A4 的独立报告，
                         配合 --out 使用）
              --lang     zh（默认）或 en：表格、报告、依据和提示的语言
              --set      假设：修改一项数据（years.2023.rd_expense=3000000、hte_certificates=2023-12-01），
                         逐条显示规则的变化；可重复
              --explain  附上每条规则的推导：数据、参数版本、条件、计算步骤
              --out      原子地写入 FILE，而不是标准输出
              --record   把决定记录（输入、年度、政策摘要、参数版本、含推导的结果、哈希链）追加到 LOG，
                         落盘后才输出结果

            示例：
              incentive estimate Examples/pujiang-precision.json --year 2020
              incentive estimate Examples/pujiang-precision.json --year 2020 --format json --explain
              incentive estimate Examples/deqing-no-rd.json --year 2023 --lang en --format md --out report.md
              incentive estimate Examples/pujiang-precision.json --year 2020 --record decisions.jsonl
              incentive estimate Examples/pujiang-precision.json --year 2020 --set years.2020.employees=400
              incentive estimate Examples/deqing-no-rd.json --year 2023 --cohort Examples/batch-deqing.csv
            """
        case "batch":
            return """
            用法：incentive batch FILE --year Y [--format csv|json|jsonl] [--long] [--out FILE] [--errors FILE]
                                   [--record LOG] [--policies DIR] [--general] [--lang zh|en]

            一并评估 FILE 中每家企业在评估年度 Y 的结果：需要排名的规则（前十名，并列同名次：1、2、2、4）在通过
            该规则评比范围的企业间排名，资金池在其间分配（按比例，按最大余数法取整到元，不超过资金池总额）。

            FILE 为 profile.md 约定的 CSV（每家企业每年一行；UTF-8，可带 BOM，或 Excel 保存的 GB18030；同一企业的
            各行不必相邻），或 JSON Lines（每行一份档案；.jsonl/.ndjson，或以 '{' 开头的文件）。"-" 读标准输入，也可用管道，
            如 <(unzip -p data.zip)（二者都先复制到临时文件）。

              --format  csv（默认）：带 BOM 的 UTF-8（Excel 可直接打开），每家企业一行，每条适用规则一列（实付金额；
                        不符合时为空；无金额的规则为 "eligible"），然后是按类别的合计和义务
                        json：{"year","policy_set","enterprises":[…],"pools":[…],"totals":{…},"errors":[…]}
                        jsonl：每行一个评估结果对象（资金池和问题输出到标准错误）
              --long    配合 csv：每家企业每条规则一行，含结果、金额和依据
              --out     原子地写入 FILE（先写临时文件再改名），而不是标准输出
              --errors  同时把输入问题写入 FILE（CSV：location, field, value, expected，英文）
              --record  把每家已评估企业的决策记录按输入顺序追加到 LOG（哈希链，输出写出前即已同步落盘）：其档案
                        （JSON）、带完整推导的结果，以及批量评估对它的评比决定（各排名的名次和参评数、各资金池的
                        总额、申请额和分配额），`incentive replay` 重算时按记录采用这些决定
              --general 配合宽表 csv：用带推导的通用求值器代替编译后的批量内核（较慢；结果相同，测试保证两者一致；--record 总是使用它）

            每个有问题的行（格式错误、信用代码或地区代码有误、金额无法读取、同一企业各年度的静态字段不一致、
            未知的列）都在标准错误中列出行号、字段、值和应有的格式；其他企业照常评估，退出码为 1。

            示例：
              incentive batch Examples/batch-deqing.csv --year 2023
              incentive batch Examples/batch-deqing.csv --year 2023 --long --out deqing-long.csv
              incentive batch Examples/batch-deqing.csv --year 2023 --format json --errors errors.csv
              incentive batch Examples/batch-deqing.csv --year 2023 --out results.csv --record decisions.jsonl
            """
        case "explain":
            return """
            用法：incentive explain PROFILE RULE --year Y [--format text|json] [--lang zh|en] [--policies DIR|SNAPSHOT]
                  incentive explain --record LOG --line N [RULE] [--lang zh|en]

            一条规则对一家企业的完整推导：条款、读取的数据、参数版本（含数据来源和决定版本的日期）、每个条件
            及其取值，以及从公式到金额的每一步。

            使用 --record LOG --line N 时，输出该决定记录中保存的推导（全部规则，或仅 RULE），附每一步依据的
            文件和条款，不重新计算：即使现行政策已变也可使用。用 replay 检查推导是否仍然成立。

            示例：
              incentive explain Examples/pujiang-precision.json pujiang.rd-reward --year 2020
              incentive explain --record decisions.jsonl --line 1 pujiang.rd-reward --lang en
              incentive explain Examples/deqing-no-rd.json deqing.hte-first-award --year 2023 --lang en
            """
        case "check":
            return """
            用法：incentive check [DIR]

            解析并检查 DIR（默认：内置政策）下的每个 *.policy 文件。错误按 file:line:col: error[code]: message
            的格式输出（英文），附源代码行和定位符；退出码 3。

            示例：
              incentive check Policies
              incentive check ./my-draft-policies
            """
        case "test":
            return """
            用法：incentive test [DIR] [--verbose]

            运行政策文件中附带的 test 用例：每个用例给出数据，并预期每条规则的结果和金额。逐个列出失败的用例、
            规则、预期和实际结果；有任何失败则退出码为 1。

            示例：
              incentive test
              incentive test Policies --verbose
            """
        case "list":
            return """
            用法：incentive list [--region R] [--year Y] [--policies DIR|SNAPSHOT]

            第一行：政策集摘要（对政策原文的 SHA-256，与文件顺序和换行符无关），即决定记录和 JSON 输出中的摘要。
            然后是适用的政策和规则，附出处（发文机关、文号、日期、网址）、地区和有效期。地区代码选出覆盖该地区的
            政策：100000（全国）、330000（省）、330700（市）和县本身。

            示例：
              incentive list --region 330726 --year 2020
              incentive list --region 330521
            """
        case "eval":
            return """
            用法：incentive eval EXPR [--input JSON] [--year Y]

            用具名的 JSON 值精确计算一个政策语言表达式，并以 JSON 输出结果：0.3、true、"text"；无法确定时
            （缺失的值、除以零）为 null。

            示例：
              incentive eval '0.1 + 0.2'
              incentive eval 'min(12% * rd, 300万)' --input '{"rd": 30000000}'
              incentive eval 'x in (1..5]' --input '{"x": 5}'
              incentive eval 'rd / revenue >= 5%' --input '{"rd": 230000, "revenue": 4600000}'
            """
        case "replay":
            return """
            用法：incentive replay LOG [--policies DIR|SNAPSHOT] [--problems]

            校验决定日志的哈希链（每条记录自身的摘要；每个 prev 指向前一条记录），再用给定的政策（默认：内置政策）
            按记录中的输入和年度重新计算每条记录，每条记录输出一行（标签为固定的英文关键字）：
              identical       重算结果完全一致
              differs         政策集相同，结果不同：列出规则、记录的与新的结果和金额，以及推导首次分岔的步骤
              policy-changed  记录时使用的是另一政策集（列出变化的文件）；仍然重算，并给出每条规则受到的影响
              tampered        记录被修改、删除、插入、重复或调换了顺序（并说明原因）
              partial         追加中断（崩溃）留下的不完整行；不重算
            最后是各标签的计数。只有全部记录都是 identical 时退出码为 0，否则为 1。

              --problems  只输出不是 identical 的记录（计数仍包括全部）

            示例：
              incentive estimate Examples/pujiang-precision.json --year 2020 --record decisions.jsonl
              incentive replay decisions.jsonl
              incentive snapshot -o policies-2020.json
              incentive replay decisions.jsonl --policies policies-2020.json --problems
            """
        case "snapshot":
            return """
            用法：incentive snapshot [DIR] -o FILE

            检查 DIR（默认：内置政策）中的政策，并写出一个 JSON 文件，包含每个政策文件（名称、原文、摘要）和政策集
            摘要，以便把决定所依据的政策原文与日志一起保存。凡接受政策目录的地方都可用 --policies FILE 指定快照；
            加载时校验摘要，被修改过的快照会被拒绝（退出码 3）。

            示例：
              incentive snapshot -o policies-2020.json
              incentive snapshot Policies -o policies-2020.json
              incentive estimate Examples/pujiang-precision.json --year 2020 --policies policies-2020.json
            """
        default:
            return overviewChinese
        }
    }
}
