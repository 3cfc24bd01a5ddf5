//! The server loop: the protocol's life cycle (initialize, initialized,
//! shutdown, exit), dispatch of requests and notifications, and the
//! publishing of diagnostics once no message is waiting, so that a burst of
//! edits is judged once.

use std::io::{self, BufRead, Write};
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;

use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    LogMessage, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, Initialize, Request as _, Shutdown};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, Hover, HoverContents, HoverParams, HoverProviderCapability,
    InitializeParams, InitializeResult, LogMessageParams, MarkupContent, MarkupKind, MessageType,
    PublishDiagnosticsParams, SaveOptions, ServerCapabilities, ServerInfo, ShowMessageParams,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::actions;
use super::convert::Converter;
use super::hover;
use super::position::{Encoding, Lines};
use super::transport::{self, Incoming};
use super::workspace::{path_of, Workspace};
use crosscheck_engine::article::Markup;
use crosscheck_engine::diagnostic::Kind;

/// A request that failed, as its error response says.
type Failure = (ErrorCode, String);

struct Server<W: Write> {
    output: W,
    encoding: Encoding,
    /// None until `initialize`, and when the client names no folder.
    workspace: Option<Workspace>,
    initialized: bool,
    /// The client sent `initialized`: the server may publish.
    ready: bool,
    shut_down: bool,
}

/// Serves the protocol on `input` and `output` until `exit` or the end of
/// the input. Returns whether the client shut the server down first.
pub fn serve(mut input: impl BufRead + Send + 'static, output: impl Write) -> io::Result<bool> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || loop {
        let read = transport::read(&mut input);
        let last = !matches!(read, Ok(Some(_)));
        if sender.send(read).is_err() || last {
            break;
        }
    });
    let mut server = Server {
        output,
        encoding: Encoding::default(),
        workspace: None,
        initialized: false,
        ready: false,
        shut_down: false,
    };
    let mut next = receiver.recv();
    loop {
        let incoming = match next {
            Ok(read) => read?,
            Err(mpsc::RecvError) => None,
        };
        let Some(incoming) = incoming else {
            return Ok(server.shut_down);
        };
        if let Some(clean) = server.handle(incoming)? {
            return Ok(clean);
        }
        next = match receiver.try_recv() {
            Ok(read) => Ok(read),
            Err(_) => {
                server.publish()?;
                receiver.recv()
            }
        };
    }
}

impl<W: Write> Server<W> {
    /// Handles one message; `Some(clean)` when it was `exit`.
    fn handle(&mut self, incoming: Incoming) -> io::Result<Option<bool>> {
        match incoming {
            Incoming::Invalid { id, code, message } => {
                transport::write_error(&mut self.output, id.as_ref(), code, &message)?
            }
            Incoming::Message(Message::Request(request)) => {
                let id = request.id.clone();
                let answer = panic::catch_unwind(AssertUnwindSafe(|| self.answer(request)))
                    .unwrap_or_else(|_| {
                        Err((
                            ErrorCode::InternalError,
                            "crosscheck failed on this request (a bug: please report it)"
                                .to_owned(),
                        ))
                    });
                let response = match answer {
                    Ok(result) => Response {
                        id,
                        response_result: Ok(result),
                    },
                    Err((code, message)) => Response::new_err(id, code as i32, message),
                };
                transport::write(&mut self.output, &Message::Response(response))?;
            }
            Incoming::Message(Message::Notification(notification)) => {
                if notification.method == lsp_types::notification::Exit::METHOD {
                    return Ok(Some(self.shut_down));
                }
                let method = notification.method.clone();
                if let Err(message) =
                    panic::catch_unwind(AssertUnwindSafe(|| self.notify(notification)))
                        .unwrap_or_else(|_| {
                            Err(format!(
                                "crosscheck failed on {method} (a bug: please report it)"
                            ))
                        })
                {
                    self.log(MessageType::WARNING, &message)?;
                }
            }
            // The server sends no requests, so it expects no responses.
            Incoming::Message(Message::Response(_)) => {}
        }
        Ok(None)
    }

    fn answer(&mut self, request: Request) -> Result<Value, Failure> {
        if self.shut_down {
            return Err((
                ErrorCode::InvalidRequest,
                "the server is shut down".to_owned(),
            ));
        }
        match request.method.as_str() {
            Initialize::METHOD if self.initialized => Err((
                ErrorCode::InvalidRequest,
                "the server is already initialized".to_owned(),
            )),
            Initialize::METHOD => self.initialize(params(request.params)?),
            _ if !self.initialized => Err((
                ErrorCode::ServerNotInitialized,
                "the server is not initialized yet".to_owned(),
            )),
            Shutdown::METHOD => {
                // Pending edits are judged and published before the answer.
                self.publish()
                    .map_err(|error| (ErrorCode::InternalError, error.to_string()))?;
                self.shut_down = true;
                Ok(Value::Null)
            }
            HoverRequest::METHOD => self.hover(params(request.params)?),
            CodeActionRequest::METHOD => self.code_actions(params(request.params)?),
            other => Err((
                ErrorCode::MethodNotFound,
                format!("crosscheck does not handle `{other}`"),
            )),
        }
    }

    fn initialize(&mut self, params: InitializeParams) -> Result<Value, Failure> {
        let offered = params
            .capabilities
            .general
            .and_then(|general| general.position_encodings)
            .unwrap_or_default();
        self.encoding = Encoding::negotiate(&offered);
        #[allow(deprecated)]
        let root = params
            .workspace_folders
            .and_then(|folders| folders.into_iter().next())
            .map(|folder| folder.uri)
            .or(params.root_uri);
        self.workspace = root
            .as_ref()
            .and_then(path_of)
            .map(|root| Workspace::new(&root));
        self.initialized = true;
        let result = InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(self.encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                            include_text: Some(false),
                        })),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                        ..CodeActionOptions::default()
                    },
                )),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "crosscheck".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
        };
        serde_json::to_value(result).map_err(|error| (ErrorCode::InternalError, error.to_string()))
    }

    fn notify(&mut self, notification: Notification) -> Result<(), String> {
        if !self.initialized {
            return Ok(());
        }
        if notification.method == lsp_types::notification::Initialized::METHOD {
            self.ready = true;
            if self.workspace.is_none() {
                self.show(MessageType::WARNING, "crosscheck needs a workspace folder holding crosscheck.yaml: diagnostics are off")
                    .map_err(|error| error.to_string())?;
            }
            return Ok(());
        }
        let encoding = self.encoding;
        let Some(workspace) = self.workspace.as_mut() else {
            return Ok(());
        };
        let refused = |outside: super::workspace::Outside| {
            format!("crosscheck ignores {}: {}", notification.method, outside.0)
        };
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let params: lsp_types::DidOpenTextDocumentParams =
                    params(notification.params.clone()).map_err(|(_, message)| message)?;
                let document = params.text_document;
                workspace
                    .did_open(document.uri, document.text, document.version)
                    .map_err(refused)?;
            }
            DidChangeTextDocument::METHOD => {
                let params: lsp_types::DidChangeTextDocumentParams =
                    params(notification.params.clone()).map_err(|(_, message)| message)?;
                workspace
                    .did_change(
                        &params.text_document.uri,
                        params.text_document.version,
                        params.content_changes,
                        encoding,
                    )
                    .map_err(refused)?;
            }
            DidSaveTextDocument::METHOD => {
                let params: lsp_types::DidSaveTextDocumentParams =
                    params(notification.params.clone()).map_err(|(_, message)| message)?;
                workspace
                    .did_save(&params.text_document.uri, params.text)
                    .map_err(refused)?;
            }
            DidCloseTextDocument::METHOD => {
                let params: lsp_types::DidCloseTextDocumentParams =
                    params(notification.params.clone()).map_err(|(_, message)| message)?;
                workspace
                    .did_close(&params.text_document.uri)
                    .map_err(refused)?;
            }
            // `$/cancelRequest`, `workspace/didChangeConfiguration` and the like need nothing.
            _ => {}
        }
        Ok(())
    }

    /// The workspace and the shown path of the article `uri` names, or an
    /// error when it is outside the workspace.
    fn article(&self, uri: &Uri) -> Result<Option<(&Workspace, String)>, Failure> {
        let workspace = self.workspace.as_ref().ok_or((
            ErrorCode::RequestFailed,
            "crosscheck has no workspace folder".to_owned(),
        ))?;
        let path = workspace
            .resolve(uri)
            .map_err(|outside| (ErrorCode::RequestFailed, outside.0))?;
        Ok(workspace
            .shown(&path)
            .filter(|shown| workspace.is_article(shown))
            .map(|shown| (workspace, shown.to_owned())))
    }

    fn hover(&mut self, params: HoverParams) -> Result<Value, Failure> {
        self.publish()
            .map_err(|error| (ErrorCode::InternalError, error.to_string()))?;
        let position = params.text_document_position_params;
        let Some((workspace, shown)) = self.article(&position.text_document.uri)? else {
            return Ok(Value::Null);
        };
        let (Some(setup), Some(text)) = (workspace.setup(), workspace.text(&shown)) else {
            return Ok(Value::Null);
        };
        let offset = Lines::new(&text).offset(position.position, self.encoding);
        let flagged: Vec<_> = workspace
            .diagnostics_in(&shown)
            .iter()
            .filter(|d| {
                d.kind != Kind::Unreadable
                    && d.primary.byte_start <= offset
                    && offset <= d.primary.byte_end
            })
            .collect();
        let record = workspace
            .records()
            .binary_search_by(|record| record.path.as_str().cmp(&shown))
            .ok()
            .map(|at| &workspace.records()[at]);
        let (Some(record), Some(first)) = (record, flagged.first()) else {
            return Ok(Value::Null);
        };
        let value = hover::markdown(setup, record, workspace.records(), &flagged);
        let range = Converter::new(workspace, self.encoding).span(&first.primary);
        let hover = Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            }),
            range: Some(range),
        };
        serde_json::to_value(hover).map_err(|error| (ErrorCode::InternalError, error.to_string()))
    }

    fn code_actions(&mut self, params: CodeActionParams) -> Result<Value, Failure> {
        self.publish()
            .map_err(|error| (ErrorCode::InternalError, error.to_string()))?;
        let wants_quick_fixes = params.context.only.as_ref().is_none_or(|only| {
            only.iter()
                .any(|kind| CodeActionKind::QUICKFIX.as_str().starts_with(kind.as_str()))
        });
        let Some((workspace, shown)) = self
            .article(&params.text_document.uri)?
            .filter(|_| wants_quick_fixes)
        else {
            return Ok(Value::Array(Vec::new()));
        };
        let Some(text) = workspace.text(&shown) else {
            return Ok(Value::Array(Vec::new()));
        };
        let bytes = Lines::new(&text).offsets(params.range, self.encoding);
        let markdown = Markup::of_path(std::path::Path::new(&shown)) == Some(Markup::Markdown);
        let mut converter = Converter::new(workspace, self.encoding);
        let actions: Vec<CodeActionOrCommand> = workspace
            .diagnostics_in(&shown)
            .iter()
            .filter(|diagnostic| actions::touches(diagnostic, bytes.clone()))
            .flat_map(|diagnostic| {
                actions::quick_fixes(
                    diagnostic,
                    &params.text_document.uri,
                    &text,
                    markdown,
                    &mut converter,
                )
            })
            .map(CodeActionOrCommand::CodeAction)
            .collect();
        serde_json::to_value(actions).map_err(|error| (ErrorCode::InternalError, error.to_string()))
    }

    /// Does the workspace's pending work and publishes what changed.
    fn publish(&mut self) -> io::Result<()> {
        if !self.ready {
            return Ok(());
        }
        let Some(workspace) = self.workspace.as_mut() else {
            return Ok(());
        };
        let changed = match panic::catch_unwind(AssertUnwindSafe(|| workspace.flush())) {
            Ok(changed) => changed,
            Err(_) => {
                self.workspace = None;
                return self.show(MessageType::ERROR, "crosscheck failed while checking the workspace (a bug: please report it); diagnostics are off");
            }
        };
        let messages = workspace.take_messages();
        let mut converter = Converter::new(workspace, self.encoding);
        let mut notifications = Vec::new();
        for (shown, findings) in changed {
            let Some(uri) = workspace.uri(&shown) else {
                continue;
            };
            let mut diagnostics: Vec<lsp_types::Diagnostic> = findings
                .diagnostics
                .iter()
                .map(|d| converter.diagnostic(d))
                .collect();
            diagnostics.extend(
                findings
                    .problems
                    .iter()
                    .map(|problem| converter.problem(problem)),
            );
            let params = PublishDiagnosticsParams {
                uri,
                diagnostics,
                version: workspace.version(&shown),
            };
            notifications.push(Notification::new(
                PublishDiagnostics::METHOD.to_owned(),
                params,
            ));
        }
        for notification in notifications {
            transport::write(&mut self.output, &Message::Notification(notification))?;
        }
        for (kind, message) in messages {
            self.show(kind, &message)?;
        }
        Ok(())
    }

    fn show(&mut self, kind: MessageType, message: &str) -> io::Result<()> {
        let params = ShowMessageParams {
            typ: kind,
            message: message.to_owned(),
        };
        transport::write(
            &mut self.output,
            &Message::Notification(Notification::new(ShowMessage::METHOD.to_owned(), params)),
        )
    }

    fn log(&mut self, kind: MessageType, message: &str) -> io::Result<()> {
        let params = LogMessageParams {
            typ: kind,
            message: message.to_owned(),
        };
        transport::write(
            &mut self.output,
            &Message::Notification(Notification::new(LogMessage::METHOD.to_owned(), params)),
        )
    }
}

fn params<P: DeserializeOwned>(params: Value) -> Result<P, Failure> {
    serde_json::from_value(params).map_err(|error| {
        (
            ErrorCode::InvalidParams,
            format!("invalid parameters: {error}"),
        )
    })
}
