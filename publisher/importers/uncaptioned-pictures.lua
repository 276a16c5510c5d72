-- A picture alone in its paragraph that was no figure (Word's or Google Docs' picture with
-- Alt Text, no caption): pandoc writes it `![description](photo.png)`, which Markdown reads
-- back as a figure captioned with its description, printed under the photo and read twice
-- by screen readers. Written `![description](photo.png)\ `, as pandoc's manual advises, it
-- stays a picture. (A figure is a Figure block, written `![caption](photo.png)` still.)
function Para(para)
  local only = para.content[1]
  if #para.content == 1 and only.t == "Image" and #only.caption > 0 then
    para.content:insert(pandoc.RawInline("markdown", "\\ "))
    return para
  end
end
