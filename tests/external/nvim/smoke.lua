-- A headless Neovim as crosscheck lsp's client: the diagnostics must land
-- at the right columns on a line of curly quotes, accents and an emoji
-- (Neovim counts bytes, the server UTF-16 units unless told otherwise),
-- hover must answer there, and an edit must clear the conflict.

local root = assert(os.getenv("WORKSPACE"), "WORKSPACE is not set")
local server = assert(os.getenv("CROSSCHECK"), "CROSSCHECK is not set")
local passed, failed = 0, 0

local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    io.write("ok   ", name, "\n")
  else
    failed = failed + 1
    io.write("FAIL ", name, ": ", vim.inspect(detail), "\n")
  end
end

local function finish()
  io.write(string.format("%d passed, %d failed\n", passed, failed))
  vim.cmd(failed == 0 and "qall!" or "cquit 1")
end

vim.cmd("edit " .. vim.fn.fnameescape(root .. "/articles/gamma.md"))
local buffer = vim.api.nvim_get_current_buf()
local client = vim.lsp.start_client({ name = "crosscheck", cmd = { server, "lsp" }, root_dir = root })
check("the server starts", client ~= nil, client)
if client == nil then
  finish()
end
vim.lsp.buf_attach_client(buffer, client)

local function conflict()
  for _, diagnostic in ipairs(vim.diagnostic.get(buffer)) do
    if diagnostic.message:find("gives 4", 1, true) then
      return diagnostic
    end
  end
end

vim.wait(15000, function() return conflict() ~= nil end, 20)
local found = conflict()
local line = vim.api.nvim_buf_get_lines(buffer, 3, 4, false)[1]
local four = line:find("four", 1, true) - 1 -- a 0-based byte column, as Neovim keeps them
check("the conflict is published", found ~= nil, vim.diagnostic.get(buffer))
if found then
  check("on line 4", found.lnum == 3, found)
  check("from the byte column of “four”", found.col == four, { got = found.col, want = four })
  check("to its end", found.end_col == four + 4, { got = found.end_col, want = four + 4 })
  check("as an error", found.severity == vim.diagnostic.severity.ERROR, found.severity)
  local related = found.user_data and found.user_data.lsp and found.user_data.lsp.relatedInformation or {}
  check("with the other outlets related", #related == 2, related)
end

vim.api.nvim_win_set_cursor(0, { 4, four + 1 })
local answers = vim.lsp.buf_request_sync(buffer, "textDocument/hover", vim.lsp.util.make_position_params(), 5000) or {}
local hover = ""
for _, answer in pairs(answers) do
  if answer.result and answer.result.contents then
    hover = answer.result.contents.value or ""
  end
end
check("hover names what the other outlets state", hover:find("Alpha News", 1, true) ~= nil, hover)

vim.api.nvim_buf_set_text(buffer, 3, four, 3, four + 4, { "3" })
vim.wait(15000, function() return conflict() == nil end, 20)
check("an edit that agrees with the others clears the conflict", conflict() == nil, vim.diagnostic.get(buffer))
local remaining = vim.diagnostic.get(buffer)
check("and keeps the uncorroborated arrest", #remaining == 1 and remaining[1].lnum == 5 and remaining[1].col == 4, remaining)

vim.lsp.stop_client(client)
finish()
