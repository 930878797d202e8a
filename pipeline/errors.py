"""Numbered, actionable error messages.

A user mistake (bad path, bad format, bad gold file) raises :class:`RachatError`;
the CLI prints its one-line message and exits with status 2, never a traceback.
"""

from __future__ import annotations


class RachatError(Exception):
    """An error caused by the input or the command line, with a numbered message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"[{code}] {message}")
        self.code = code
        self.message = message


class Errors:
    E001 = "No such file or folder: {path}"
    E002 = "Unknown input format for {path}: expected .jsonl, .json, .csv, .parquet, .txt, .html, .warc(.gz) or a folder of them"
    E003 = "Cannot read {path}: {reason}"
    E004 = "Bad --field option {option!r}: expected NAME=COLUMN with NAME in {names}"
    E005 = "No text column found in {path}: columns are {columns}; use --field text=COLUMN"
    E006 = "Output folder {path} is not empty; use --overwrite or --resume"
    E010 = "Gold file {path}, line {line}: {reason}"
    E011 = "No run folder at {path}: expected events.parquet inside (the output of 'rachat extract --out')"
    E012 = "No article {doc!r} in {path}"
    # E013-E014: fine-tuned company NER (models/company-ner, scripts/train_company_ner.py)
    E013 = "No fine-tuned company NER at {path}: expected a folder holding ner/ (cfg, moves, model) written by scripts/train_company_ner.py; use --company-ner off (or RACHAT_COMPANY_NER=off) for the stock fr_core_news_md NER"
    E014 = "Cannot load the fine-tuned company NER from {path}: {reason}. It must come from scripts/train_company_ner.py with the same base model (fr_core_news_md)"
    # E015-E019: the learned pair model (models/pair-model, scripts/train_pair_model.py)
    E015 = "No pair model at {path}: expected a folder holding weights.json written by scripts/train_pair_model.py; use --pair-model off (or RACHAT_PAIR_MODEL=off) to run the rules alone"
    E016 = "Unreadable pair model {path}: {reason}; retrain it with scripts/train_pair_model.py"
    E020 = "Model path {path} does not exist or is not a {kind}: {expected}"
    E021 = "Unknown engine {engine!r}: expected 'local' or 'dask'"
    E030 = "No gold file (*.jsonl) in folder {path}"
    E031 = "Unknown split {split}: expected one of {splits}"
    E032 = "Bad run folder {path}: {reason}"
    E033 = "Unknown import format {format!r}: expected labelstudio, doccano or brat"
    E034 = "Cannot import {path} ({where}): {reason}"
    E035 = "Give exactly one of --pred RUN_DIR (score an existing run) or --run (run the pipeline on the gold texts)"
    E036 = "No brat .ann files with their .txt under {path}"
    E037 = "Cannot export {run}: {reason}"
    E038 = "No gold documents to score in {path}{detail}"
    E039 = "Kinds file {path}, line {line}: {reason}"
    # E050-E069: ingest of HTML / WARC, prepare (typography, language, dates, duplicates)
    E050 = "Bad --lang {value!r}: expected 'any' or ISO 639 codes separated by commas, e.g. fr or fr,en"
    E051 = "Bad --max-chars {value!r}: expected a whole number of characters greater than 0"
    # E070-E089: optional transformer stage (pipeline/annotate/transformer, extra rachat[trf])
    E070 = "The transformer stage needs the [trf] extra, but {missing} is not installed: run pip install 'rachat[trf]'"
    E071 = "Model folder {path} is not a usable {kind} checkpoint: {reason}. Expected a local folder written by save_pretrained(): config.json, tokenizer files (tokenizer.json, or vocab.txt / sentencepiece.bpe.model with tokenizer_config.json) and weights (model.safetensors or pytorch_model.bin)"
    E072 = "Unknown device {device!r}: expected 'cpu', 'cuda', 'cuda:N' or 'auto'"
    E073 = "Device {device!r} asked for, but torch sees no CUDA GPU (torch.cuda.is_available() is False); use --device cpu"
    E074 = "Unknown NER merge mode {merge!r}: expected 'union', 'transformer' or 'rules'"
    E075 = "Bad chunking for the transformer NER: stride {stride} must be >= 0 and smaller than half of max_length {max_length}"
    E076 = "Checkpoint {path} has labels {labels}, none of which {wanted}"
    E077 = "No training data for the {task} task: {reason}"
    E078 = "Unknown training task {task!r}: expected 'ner' or 'status'"
    E079 = "Output folder {path} already holds a checkpoint (config.json); choose another --out or pass --overwrite"
    # E090-E099: engines (local pool, Dask), resume, skip-known
    E090 = "Cannot resume the run in {path}: {reason}"
    E091 = "Cannot resume the run in {path}: it was started with other settings ({diff}). Rerun with the same settings, or use --overwrite to start afresh"
    E092 = "--skip-known {path}: {reason} (expected the run folder of an earlier 'rachat extract', holding articles.parquet)"
    E093 = "Bad {option} {value!r}: expected a whole number of at least 1"
    E094 = "Cannot connect to the Dask scheduler at {address}: {reason}. Is 'dask scheduler' running there, and can this machine reach it?"
    E095 = "--scheduler {scheduler} needs --engine dask"
    E096 = "The Dask engine needs dask.distributed ({reason}): pip install 'dask[distributed]'"
    E097 = "Partition {part} ({where}) failed in a worker: {reason}. The finished partitions are kept: fix the cause, then rerun the same command with --resume"


def error(code: str, **kwargs: object) -> RachatError:
    """Build the numbered error ``code`` with its message filled in."""
    template: str = getattr(Errors, code)
    return RachatError(code, template.format(**kwargs))
