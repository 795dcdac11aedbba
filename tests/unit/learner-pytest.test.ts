import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LearnerReportSchema } from "@/lib/runner/tests-verdict";

// The small `pytest` module scripts/python/run_learner_tests.py gives learners' test files (neither engine
// installs pytest): raises, approx, parametrize, fixtures, skip and xfail, run with a stand-in client.
const RUNNER_DIR = path.join(import.meta.dirname, "../../scripts/python");

const TESTS = `
import pytest

@pytest.fixture
def note(client):
    client.log.append("set up")
    yield {"x": 1}
    client.log.append("torn down")
    print("log", client.log)

def test_approx():
    assert 0.1 + 0.2 == pytest.approx(0.3)
    assert [0.1 + 0.2, 1] == pytest.approx([0.3, 1])
    assert (0.1 + 0.2,) == pytest.approx((0.3,))
    assert {"price": 2.1000000001, "name": "Pen"} == pytest.approx({"price": 2.1, "name": "Pen"})
    assert 1.05 != pytest.approx(1.0)
    assert 1.05 == pytest.approx(1.0, rel=0.1)
    assert 1.05 == pytest.approx(1.0, abs=0.06)
    assert 1.05 != pytest.approx(1.0, abs=0.01)
    assert [1, 2] != pytest.approx([1, 2, 3])
    assert "1" != pytest.approx(1)

def test_raises():
    with pytest.raises(ZeroDivisionError):
        1 / 0
    with pytest.raises(ValueError, match=r"bad \\d") as info:
        raise ValueError("bad 3")
    assert info.type is ValueError and str(info.value) == "bad 3"
    assert pytest.raises(KeyError, {}.__getitem__, "x").type is KeyError

def test_raises_without_error():
    with pytest.raises(ValueError):
        pass

def test_raises_other_text():
    with pytest.raises(ValueError, match="nope"):
        raise ValueError("bad")

@pytest.mark.parametrize("low,high", [(1, 2), (2, 3), pytest.param(5, 5, id="same")])
def test_param(low, high):
    assert low < high

@pytest.mark.parametrize("x", [0, 1])
@pytest.mark.parametrize("word", ["a", None])
def test_two(x, word, client):
    assert client.log == []

def test_fixture(note, client):
    assert note == {"x": 1} and client.log == ["set up"]

@pytest.mark.skip(reason="later")
def test_skipped():
    assert False

@pytest.mark.django_db
def test_other_mark():
    pass

def test_unknown(nothing):
    pass

@pytest.mark.xfail
def test_expected_to_fail():
    assert False

def test_fail():
    pytest.fail("boom")
`;

function run(code: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "learner-pytest-"));
  try {
    fs.writeFileSync(path.join(dir, "main.py"), code);
    const script = [
      "import json, sys",
      `sys.path[:0] = [${JSON.stringify(RUNNER_DIR)}, ${JSON.stringify(dir)}]`,
      "import run_learner_tests as r",
      "class Client:",
      "    def __init__(self, send): self.log = []",
      "r.CLIENTS['flask'] = Client",
      "print(json.dumps(r.run_tests('flask', None)))",
    ].join("\n");
    const out = execFileSync("python3", ["-c", script], { cwd: dir, encoding: "utf8" });
    return LearnerReportSchema.parse(JSON.parse(out.trim().split("\n").pop()!));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("the learner's `import pytest`", () => {
  it("runs raises, approx, parametrize cases, fixtures, skip and xfail as pytest does", () => {
    const report = run(TESTS);
    expect(report.error).toBeNull();
    const outcomes = Object.fromEntries(report.tests.map((t) => [t.name, t.outcome]));
    expect(outcomes).toEqual({
      test_approx: "pass",
      test_raises: "pass",
      test_raises_without_error: "fail",
      test_raises_other_text: "fail",
      "test_param[1-2]": "pass",
      "test_param[2-3]": "pass",
      "test_param[same]": "fail",
      "test_two[a-0]": "pass",
      "test_two[a-1]": "pass",
      "test_two[None-0]": "pass",
      "test_two[None-1]": "pass",
      test_fixture: "pass",
      test_skipped: "pass",
      test_other_mark: "pass",
      test_unknown: "error",
      test_expected_to_fail: "pass",
      test_fail: "fail",
    });
    const byName = Object.fromEntries(report.tests.map((t) => [t.name, t]));
    expect(byName.test_raises_without_error.message).toContain("DID NOT RAISE ValueError");
    expect(byName.test_raises_other_text.message).toContain("did not match");
    expect(byName.test_fixture.output).toContain("['set up', 'torn down']");
    expect(byName.test_unknown.message).toContain("fixture 'nothing' not found");
    expect(byName.test_skipped.message).toBe("skipped: later");
  });

  it("runs the test* methods of Test* classes, each on a fresh instance, as pytest does", () => {
    const report = run(`
import pytest

@pytest.fixture
def note(client):
    return {"x": 1}

def test_first():
    pass

@pytest.mark.django_db
class TestThings:
    seen = []

    @pytest.mark.parametrize("n", [1, 2])
    def test_sizes(self, n, client):
        assert n == 1 and client.log == []
        assert not hasattr(self, "mark")
        self.mark = n

    def test_note(self, note):
        assert note == {"x": 1} and not hasattr(self, "mark")

    def helper(self):
        raise AssertionError("not a test")

@pytest.mark.skip(reason="whole class")
class TestSkipped:
    def test_never(self):
        assert False

class TestHasInit:
    def __init__(self):
        pass

    def test_not_collected(self):
        assert False

def test_last():
    pass
`);
    expect(report.error).toBeNull();
    expect(report.tests.map((t) => [t.name, t.outcome])).toEqual([
      ["test_first", "pass"],
      ["TestThings::test_sizes[1]", "pass"],
      ["TestThings::test_sizes[2]", "fail"],
      ["TestThings::test_note", "pass"],
      ["TestSkipped::test_never", "pass"],
      ["test_last", "pass"],
    ]);
    expect(report.tests[4].message).toBe("skipped: whole class");
  });
});
