/// Help text for every command, with real examples that run against the bundled policies.
enum Help {
    static let overview = """
    incentive — policy incentive calculator: what an enterprise qualifies for, how much, and why.

    usage: incentive <command> [options]

    commands:
      estimate PROFILE --year Y     every rule in force for one enterprise and year
      batch FILE --year Y           many enterprises (CSV or JSON Lines): rankings, pools, totals
      explain PROFILE RULE --year Y the full derivation of one rule
      check [DIR]                   parse and check policy files
      test [DIR]                    run the tests written next to the policies
      list [--region R] [--year Y]  the policies and rules in force, with citations
      eval EXPR [--input JSON]      evaluate one expression of the policy language
      replay LOG                    re-derive every decision record; verify the hash chain
      snapshot [DIR] -o FILE        every policy source and its digest in one file
      help [COMMAND]                this text, or a command's

    Policies come from --policies DIR or --policies SNAPSHOT (a file from `incentive snapshot`),
    or else from the Policies/ bundled into this build.
    Exit codes: 0 success; 1 done, but some input was bad; 2 usage error; 3 policy errors.
    Tables, reports and messages are in Chinese by default; --lang en (any command) for English.

    examples:
      incentive estimate Examples/pujiang-precision.json --year 2020
      incentive estimate Examples/deqing-no-rd.json --year 2023 --format json
      incentive explain Examples/pujiang-precision.json cn.rd-super-deduction --year 2020
      incentive batch Examples/batch-deqing.csv --year 2023 --out results.csv
      incentive list --region 330726 --year 2020
      incentive eval '12% * 20000000'
      incentive estimate Examples/pujiang-precision.json --year 2020 --record decisions.jsonl
      incentive replay decisions.jsonl
    """

    static func text(for command: String) -> String {
        switch command {
        case "estimate":
            return """
            usage: incentive estimate PROFILE --year Y [--format table|json|md|html] [--lang zh|en] [--explain]
                                      [--set PATH=VALUE …] [--cohort FILE] [--policies DIR|SNAPSHOT]
                                      [--out FILE] [--record LOG]

            Evaluates one enterprise profile (JSON, see profile.md) for assessment year Y against every rule
            in force for its region: status, amount (paid after stacking and limits), and the reasons; and
            near misses: which fact, changed by how much, would meet a failed condition, and the value a
            missing fact would need.
            Rules that rank enterprises (top-10) stay undetermined: they need the cohort (batch), unless
            --cohort FILE gives one (a batch file, CSV or JSON Lines): the profile is then ranked among its
            enterprises (replacing the row with its credit code, if any) and pools are shared over them.

              --format   table (default), json (design.md's contract), md (Markdown), html (a self-contained
                         report that prints on A4; use with --out)
              --lang     zh (default) or en, for labels and messages
              --set      what-if: change one fact (years.2023.rd_expense=3000000, hte_certificates=2023-12-01)
                         and show the difference rule by rule; repeatable
              --explain  add each rule's derivation: facts, parameter versions, conditions, steps
              --out      write to FILE atomically instead of standard output
              --record   append a decision record (input, year, policy digests, parameter versions,
                         result with explanation, hash chain) to LOG, synced before anything is printed;
                         with --cohort it also keeps the cohort's decisions about the profile (ranks, pool
                         outcome) and the cohort file's name and digest: replay takes those as given

            examples:
              incentive estimate Examples/pujiang-precision.json --year 2020
              incentive estimate Examples/pujiang-precision.json --year 2020 --format json --explain
              incentive estimate Examples/deqing-no-rd.json --year 2023 --lang en --format md --out report.md
              incentive estimate Examples/pujiang-precision.json --year 2020 --record decisions.jsonl
              incentive estimate Examples/pujiang-precision.json --year 2020 --set years.2020.employees=400
              incentive estimate Examples/deqing-no-rd.json --year 2023 --cohort Examples/batch-deqing.csv
            """
        case "batch":
            return """
            usage: incentive batch FILE --year Y [--format csv|json|jsonl] [--long] [--out FILE] [--errors FILE]
                                   [--record LOG] [--policies DIR] [--general] [--lang zh|en]

            Evaluates every enterprise of FILE for assessment year Y, together: cohort rules (top-10
            rankings, ties sharing a rank: 1, 2, 2, 4) are ranked among the file's enterprises that pass the
            rule's cohort filter, and budget pools are shared over them (pro rata, rounded to the yuan by
            largest remainder, never more than the pool).

            FILE is CSV per profile.md (one row per enterprise and year; UTF-8 with or without BOM, or
            GB18030 as Excel saves it; the rows of one enterprise need not be adjacent) or JSON Lines (one
            profile per line; .jsonl/.ndjson, or a file starting with '{'). "-" reads standard input, and a
            pipe such as <(unzip -p data.zip) works too (either is first copied to a temporary file).

              --format  csv (default): UTF-8 with BOM (Excel opens it), one row per enterprise, a column per
                        rule in force (the paid amount; empty when not eligible; "eligible" for rules
                        without an amount), totals by kind, then obligations
                        json: {"year","policy_set","enterprises":[…],"pools":[…],"totals":{…},"errors":[…]}
                        jsonl: one estimate object per line (pools and problems go to standard error)
              --long    with csv: one row per enterprise and rule, with status, amounts and reasons
              --out     write to FILE atomically (temporary file, then rename) instead of standard output
              --errors  also write the input problems to FILE (CSV: location, field, value, expected)
              --record  append one decision record per evaluated enterprise to LOG, in input order, hash-
                        chained and synced before any output is written: its profile (as JSON), the result
                        with its full derivation, and the batch's decisions about it (its rank and the
                        ranking's size per ranking, each pool's size, demand and its allocation), which
                        `incentive replay` takes as given when it re-derives the record
              --general with the wide csv: evaluate with the explaining evaluator instead of the compiled
                        batch kernel (slower; the same output, which the tests hold the two to; --record
                        always uses it)

            Every bad row (malformed, bad credit code or region, unreadable amount, static fields that
            disagree between an enterprise's years, unknown column) is reported on standard error with its
            row, field, value and what was expected; the other enterprises are still evaluated, and the
            exit code is 1.

            examples:
              incentive batch Examples/batch-deqing.csv --year 2023
              incentive batch Examples/batch-deqing.csv --year 2023 --long --out deqing-long.csv
              incentive batch Examples/batch-deqing.csv --year 2023 --format json --errors errors.csv
              incentive batch Examples/batch-deqing.csv --year 2023 --out results.csv --record decisions.jsonl
            """
        case "explain":
            return """
            usage: incentive explain PROFILE RULE --year Y [--format text|json] [--lang zh|en] [--policies DIR|SNAPSHOT]
                   incentive explain --record LOG --line N [RULE] [--lang zh|en]

            The full derivation of one rule for one enterprise: the article, facts read, parameter versions
            (with provenance and the date that chose them), each condition with its values, and the steps
            from the formula to the amount.

            With --record LOG --line N it prints the derivation stored in that decision record (every rule,
            or only RULE), with the document and article behind each step, without re-evaluating: it works
            even when today's policies differ. Use `replay` to check the derivation still holds.

            examples:
              incentive explain Examples/pujiang-precision.json pujiang.rd-reward --year 2020
              incentive explain --record decisions.jsonl --line 1 pujiang.rd-reward --lang en
              incentive explain Examples/deqing-no-rd.json deqing.hte-first-award --year 2023 --lang en
            """
        case "check":
            return """
            usage: incentive check [DIR]

            Parses and checks every *.policy file below DIR (default: the bundled policies). Errors are
            printed as file:line:col: error[code]: message, with the source line and a caret; exit 3.

            examples:
              incentive check Policies
              incentive check ./my-draft-policies
            """
        case "test":
            return """
            usage: incentive test [DIR] [--verbose]

            Runs the `test` cases written next to the policies: each gives facts and expects a status and
            amount per rule. Prints each failure with the case, the rule, expected and actual; exit 1 on any.

            examples:
              incentive test
              incentive test Policies --verbose
            """
        case "list":
            return """
            usage: incentive list [--region R] [--year Y] [--policies DIR|SNAPSHOT]

            First line: the policy-set digest (SHA-256 over the sources, independent of file order and
            line endings), the one decision records and JSON outputs carry. Then the policies and rules in force, with their citations (issuer, 文号, date, URL), regions and
            windows. A region code selects the policies that cover it: 100000 (national), 330000
            (province), 330700 (city) and the county itself.

            examples:
              incentive list --region 330726 --year 2020
              incentive list --region 330521
            """
        case "eval":
            return """
            usage: incentive eval EXPR [--input JSON] [--year Y]

            Evaluates one expression of the policy language against named JSON values, exactly, and prints
            the value as JSON: 0.3, true, "text", null when undetermined (an absent value, division by zero).

            examples:
              incentive eval '0.1 + 0.2'
              incentive eval 'min(12% * rd, 300万)' --input '{"rd": 30000000}'
              incentive eval 'x in (1..5]' --input '{"x": 5}'
              incentive eval 'rd / revenue >= 5%' --input '{"rd": 230000, "revenue": 4600000}'
            """
        case "replay":
            return """
            usage: incentive replay LOG [--policies DIR|SNAPSHOT] [--problems]

            Verifies the hash chain of a decision log (each record's own digest; each `prev` linking to the
            record before it), then re-evaluates every record from its recorded input and year with the
            given policies (default: the bundled ones) and prints one line per record:
              identical       re-derived exactly
              differs         same policy set, other result: the rules, recorded and new status and
                              amount, and the first explanation step where they part
              policy-changed  recorded under another policy set (and which files changed); re-derived
                              anyway, with the impact per rule
              tampered        the record was edited, removed, inserted, duplicated or reordered (with why)
              partial         a torn line left by an interrupted append (crash); not replayed
            then a summary with the count of each. Exit 0 only when every record is identical, else 1.

            A record written by `batch --record` is re-derived through the batch evaluator with the
            batch's recorded decisions about that enterprise (its ranks, the pools' size, demand and its
            allocation) taken as given, listed under it as "given as recorded": the replay shows the
            result follows from the input, the policies and those decisions. The digest covers them: an
            edited rank is tampered. When the log holds every record of a batch run (untampered, same
            policy set), its ranks and pools are also decided again from those records and compared
            with each record's ("batch … decided again"); a record that kept other decisions differs.

              --problems  print only the records that are not identical (the summary counts all)

            examples:
              incentive estimate Examples/pujiang-precision.json --year 2020 --record decisions.jsonl
              incentive replay decisions.jsonl
              incentive snapshot -o policies-2020.json
              incentive replay decisions.jsonl --policies policies-2020.json --problems
            """
        case "snapshot":
            return """
            usage: incentive snapshot [DIR] -o FILE

            Checks the policies in DIR (default: the bundled ones) and writes one JSON file holding every
            source (name, text, digest) and the policy-set digest, so the exact policy text a decision used
            can be kept beside the log. `--policies FILE` accepts a snapshot wherever a folder is accepted;
            its digests are verified on load, and an edited snapshot is refused (exit 3).

            examples:
              incentive snapshot -o policies-2020.json
              incentive snapshot Policies -o policies-2020.json
              incentive estimate Examples/pujiang-precision.json --year 2020 --policies policies-2020.json
            """
        default:
            return overview
        }
    }
}
