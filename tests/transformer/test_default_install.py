"""Without the [trf] extra: the package imports, registers its factory, and explains what is missing."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import sys
    for name in ("torch", "transformers", "tokenizers"):
        sys.modules[name] = None  # as if not installed: importing them raises ImportError

    import spacy
    import pipeline.annotate.transformer as trf
    from pipeline.annotate.transformer.runtime import require
    from pipeline.errors import RachatError

    assert "rachat_trf_ner" in spacy.registry.factories.get_all()
    assert trf.refine_status("pending", 0.2, ("completed", 0.9)) == "completed"
    try:
        require("transformers")
    except RachatError as exc:
        assert exc.code == "E070" and "rachat[trf]" in exc.message, exc.message
    else:
        raise AssertionError("require() should fail without the extra")
    try:
        spacy.blank("fr").add_pipe("rachat_trf_ner", config={"model_path": "."})
    except RachatError as exc:
        assert exc.code in ("E070", "E071"), exc.message
    print("ok")
    """
)


def test_package_works_without_torch_and_transformers() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("ok")
