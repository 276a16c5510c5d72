-- Links to the document's own headings (a Google Docs or Word table of contents, "see What
-- we won"): a draft's headings are written without their ids ("# What we won"), and the
-- build gives each the id pandoc makes of its words ("what-we-won"), so each such link is
-- pointed at that id. The ids are pandoc's own: the draft is written and read back once.

-- As draft.py's _WRITER writes the draft, and as the build reads it (pandoc.py's MARKDOWN)
local WRITER = "markdown-smart-raw_html-native_divs-native_spans-header_attributes"
local READER = "markdown+wikilinks_title_after_pipe+mark-task_lists-raw_tex"

local function header_ids(blocks)
  local ids = {}
  blocks:walk({ Header = function(header) table.insert(ids, header.identifier) end })
  return ids
end

function Pandoc(doc)
  local old = header_ids(doc.blocks)
  local wanted = {}
  doc.blocks:walk({
    Link = function(link) wanted[link.target:match("^#(.+)$") or ""] = true end,
  })
  local linked = false
  for _, id in ipairs(old) do
    linked = linked or (id ~= "" and wanted[id] == true)
  end
  if not linked then
    return nil
  end
  local written = pandoc.write(doc, WRITER)
  local new = header_ids(pandoc.read(written, READER).blocks)
  if #new ~= #old then
    return nil -- not the same headings: links are left as they were
  end
  local renamed = {}
  for index, id in ipairs(old) do
    if id ~= "" then
      renamed[id] = new[index]
    end
  end
  return doc:walk({
    Link = function(link)
      local id = link.target:match("^#(.+)$")
      if id and renamed[id] then
        link.target = "#" .. renamed[id]
        return link
      end
    end,
  })
end
