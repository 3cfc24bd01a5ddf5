"""crosscheck lsp driven over stdio by pytest-lsp, with the capabilities of
real clients (VS Code, Neovim 0.11, Emacs eglot), on tests/fixtures/lsp."""

import asyncio
import os
import pathlib

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

WORKSPACE = pathlib.Path(__file__).resolve().parents[2] / "fixtures" / "lsp"
GAMMA = WORKSPACE / "articles" / "gamma.md"
RULES = WORKSPACE / "rules.yaml"
CLIENTS = ["visual-studio-code", "neovim@v0.11.0", "emacs"]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[os.environ["CROSSCHECK"], "lsp"]), params=CLIENTS)
async def client(lsp_client: LanguageClient, request):
    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities(request.param),
            root_uri=WORKSPACE.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=WORKSPACE.as_uri(), name="lsp")],
        )
    )
    lsp_client.encoding = result.capabilities.position_encoding or "utf-16"
    yield
    await lsp_client.shutdown_session()


def character(line: str, index: int, encoding: str) -> int:
    """The LSP character offset of line[index] in the negotiated encoding."""
    prefix = line[:index]
    if encoding == "utf-8":
        return len(prefix.encode("utf-8"))
    if encoding == "utf-32":
        return len(prefix)
    return len(prefix.encode("utf-16-le")) // 2


def position_of(path: pathlib.Path, needle: str, encoding: str) -> types.Position:
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n")):
        if needle in line:
            return types.Position(line=number, character=character(line, line.index(needle), encoding))
    raise AssertionError(f"{needle!r} is not in {path}")


def range_of(path: pathlib.Path, needle: str, encoding: str) -> types.Range:
    start = position_of(path, needle, encoding)
    line = path.read_text(encoding="utf-8").split("\n")[start.line]
    end = character(line, line.index(needle) + len(needle), encoding)
    return types.Range(start=start, end=types.Position(line=start.line, character=end))


async def diagnostics_until(client: LanguageClient, path: pathlib.Path, condition, timeout: float = 10.0):
    """The diagnostics of `path` once `condition` holds for them."""
    uri = path.as_uri()
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        diagnostics = client.diagnostics.get(uri)
        if diagnostics is not None and condition(diagnostics):
            return diagnostics
        await asyncio.sleep(0.02)
    raise AssertionError(f"timed out; last diagnostics of {path.name}: {client.diagnostics.get(uri)}")


def codes(diagnostics) -> list[str]:
    return [d.code for d in diagnostics]


def open_document(client: LanguageClient, path: pathlib.Path, text: str | None = None, language: str = "markdown"):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=path.as_uri(), language_id=language, version=1, text=text or path.read_text(encoding="utf-8"))
        )
    )


async def test_diagnostics_with_related_information_at_exact_columns(client: LanguageClient):
    open_document(client, GAMMA)
    diagnostics = await diagnostics_until(client, GAMMA, lambda found: "killed-count/conflict" in codes(found))
    conflict = next(d for d in diagnostics if d.code == "killed-count/conflict")
    # The line holds curly quotes, accents and an emoji before “four”.
    assert conflict.range == range_of(GAMMA, "four", client.encoding)
    assert conflict.severity == types.DiagnosticSeverity.Error
    assert conflict.source == "crosscheck"
    related = {pathlib.Path(info.location.uri[len("file://") :]).name: info for info in conflict.related_information}
    assert sorted(related) == ["alpha.md", "beta.md"]
    assert related["alpha.md"].message == "Alpha News gives 3"
    assert related["alpha.md"].location.range == range_of(WORKSPACE / "articles" / "alpha.md", "Three people were killed", client.encoding)
    assert related["beta.md"].location.range == range_of(WORKSPACE / "articles" / "beta.md", "3 people were killed", client.encoding)


async def test_a_change_that_resolves_the_conflict(client: LanguageClient):
    open_document(client, GAMMA)
    await diagnostics_until(client, GAMMA, lambda found: "killed-count/conflict" in codes(found))
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=GAMMA.as_uri(), version=2),
            content_changes=[types.TextDocumentContentChangePartial(range=range_of(GAMMA, "four", client.encoding), text="3")],
        )
    )
    diagnostics = await diagnostics_until(client, GAMMA, lambda found: "killed-count/conflict" not in codes(found))
    assert codes(diagnostics) == ["driver-arrested/uncorroborated"]


async def test_hover_shows_what_the_other_outlets_state(client: LanguageClient):
    open_document(client, GAMMA)
    await diagnostics_until(client, GAMMA, lambda found: "killed-count/conflict" in codes(found))
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=GAMMA.as_uri()), position=position_of(GAMMA, "four", client.encoding))
    )
    assert hover is not None
    text = hover.contents.value
    assert "**Claim:** The number of people killed" in text
    assert "**Alpha News** states 3 in “Three people were killed”" in text
    assert "**Beta Daily** states 3 in “3 people were killed”" in text
    assert hover.range == range_of(GAMMA, "four", client.encoding)


async def test_code_actions_apply_the_suggestion_or_suppress(client: LanguageClient):
    open_document(client, GAMMA)
    diagnostics = await diagnostics_until(client, GAMMA, lambda found: "killed-count/conflict" in codes(found))
    where = range_of(GAMMA, "four", client.encoding)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=GAMMA.as_uri()),
            range=where,
            context=types.CodeActionContext(diagnostics=[d for d in diagnostics if d.code == "killed-count/conflict"]),
        )
    )
    titles = [action.title for action in actions]
    assert titles == ["Replace `four` with `Three`, as most outlets give", "Suppress `killed-count` on this line (with a reason)"]
    replace, suppress = actions
    assert replace.kind == types.CodeActionKind.QuickFix and replace.is_preferred
    assert list(replace.edit.changes[GAMMA.as_uri()]) == [types.TextEdit(range=where, new_text="Three")]
    insert = suppress.edit.changes[GAMMA.as_uri()][0]
    assert insert.range.start == types.Position(line=where.start.line, character=0) == insert.range.end
    assert insert.new_text == "<!-- crosscheck-disable-next-line killed-count -- TODO: say why this is accepted -->\n"


async def test_a_rule_file_with_an_invalid_regex(client: LanguageClient):
    text = RULES.read_text(encoding="utf-8").replace(r"'\barrested\b'", r"'\barrested(\b'")
    open_document(client, RULES, text=text, language="yaml")
    diagnostics = await diagnostics_until(client, RULES, lambda found: len(found) > 0)
    assert len(diagnostics) == 1
    problem = diagnostics[0]
    assert problem.message.startswith("invalid regular expression")
    line = next(number for number, content in enumerate(text.split("\n")) if "arrested(" in content)
    assert problem.range.start.line == line
    # Rules that do not compile judge nothing: the articles' findings, if
    # published before the rule file was opened, were withdrawn before it.
    assert not client.diagnostics.get(GAMMA.as_uri())


async def test_unknown_methods_and_outside_documents_are_errors(client: LanguageClient):
    with pytest.raises(JsonRpcException):
        await client.protocol.send_request_async("crosscheck/nonsense", {})
    with pytest.raises(JsonRpcException, match="outside the workspace"):
        await client.text_document_hover_async(
            types.HoverParams(text_document=types.TextDocumentIdentifier(uri="file:///etc/passwd"), position=types.Position(line=0, character=0))
        )
    # Still serving.
    open_document(client, GAMMA)
    await diagnostics_until(client, GAMMA, lambda found: "killed-count/conflict" in codes(found))
