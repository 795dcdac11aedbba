# Run before each sample of this lesson that shows its output (tests/content/lesson-samples.test.ts);
# never shown to learners. The static files sample collects a project's CSS from assets/, which the
# lesson describes as "where your CSS lives in the repository"; samples run in an empty folder, so this
# writes that one file. The hashed name in the lesson's output (site.46f173998222.css) comes from this
# exact content: change one and the other must change with it. The other samples ignore the file.
import pathlib as _pathlib

_pathlib.Path("assets").mkdir()
_pathlib.Path("assets/site.css").write_text("body { font-family: system-ui, sans-serif; }\n")
