"""Type stubs of the compiled module; use the functions of ``actorgraph`` instead."""

from typing import List, Optional, Tuple, Union

__version__: str

class Dictionaries:
    @staticmethod
    def load(
        paths: Optional[List[str]] = None, lang: Optional[List[str]] = None, discovery: bool = True
    ) -> "Dictionaries": ...
    @property
    def source(self) -> str: ...
    @property
    def entities(self) -> int: ...
    @property
    def aliases(self) -> int: ...

class Built:
    def graph_json(self) -> str: ...
    def relations_json(self) -> str: ...
    def periods(self) -> List[str]: ...
    def period_json(self, name: str, relations: bool = False) -> str: ...
    def summary(self) -> dict: ...
    def issues(self) -> List[Tuple[bool, str, str, str]]: ...
    def files(self, formats: List[str]) -> List[Tuple[str, bytes]]: ...
    def write(self, dir: str, formats: List[str]) -> List[str]: ...

def extract(text: str, dictionaries: Dictionaries, id: str = "text", date: Optional[str] = None) -> str: ...
def build(
    dictionaries: Dictionaries,
    paths: List[str],
    jsonl: Optional[str] = None,
    *,
    window: str = "sentence",
    evidence: int = 3,
    min_confidence: float = 0.5,
    by: Optional[str] = None,
    date_from: Optional[str] = None,
    date_to: Optional[str] = None,
    threads: int = 0,
    cooccurrence: bool = True,
    relations: bool = True,
    weight: str = "count",
    min_weight: Optional[float] = None,
    min_documents: int = 0,
    top: Optional[int] = None,
    kinds: Optional[List[str]] = None,
    exclude_subtypes: Optional[List[str]] = None,
    backbone: Optional[float] = None,
    max_nodes: int = 200,
) -> Built: ...
def map(
    dictionaries: Dictionaries,
    paths: List[str],
    jsonl: Optional[str] = None,
    jsonl_bytes: Optional[List[bytes]] = None,
    texts: Optional[List[Tuple[str, bytes]]] = None,
    out: Optional[str] = None,
    *,
    window: str = "sentence",
    evidence: int = 3,
    min_confidence: float = 0.5,
    date_from: Optional[str] = None,
    date_to: Optional[str] = None,
    threads: int = 0,
    cooccurrence: bool = True,
    relations: bool = True,
    allow_empty: bool = False,
) -> Tuple[Optional[bytes], dict, List[Tuple[bool, str, str, str]]]: ...
def merge(
    dictionaries: Dictionaries,
    partials: List[Union[str, bytes]],
    state: Optional[str] = None,
    *,
    by: Optional[str] = None,
    weight: str = "count",
    min_weight: Optional[float] = None,
    min_documents: int = 0,
    top: Optional[int] = None,
    kinds: Optional[List[str]] = None,
    exclude_subtypes: Optional[List[str]] = None,
    backbone: Optional[float] = None,
    max_nodes: int = 200,
) -> Built: ...
def article_files(paths: List[str]) -> List[Tuple[str, str, str]]: ...
def text_id(path: str) -> str: ...
