-- Bold inside bold and italics inside italics, as pages nest them (`<strong><b>`, Ghost's
-- `<b><strong style="…">`, `<em><i>`), read as the one emphasis a browser shows. Written
-- as they were, Markdown has no way to say them: pandoc typed `****words****`, which reads
-- back as asterisks, and `*words*` inside `*…*`, which it leaves unstyled.
local function unwrap(kind)
  return function(outer)
    outer.content = outer.content:walk({ [kind] = function(inner) return inner.content end })
    return outer
  end
end

Strong = unwrap("Strong")
Emph = unwrap("Emph")
