"""`gongyun curate`: the curator's workbench, a local app beside (never inside) `gongyun serve`.

One page per source: the text paragraph by paragraph with every draft proposal and curated
annotation highlighted, accept / reject / edit, new entities and claims, each action written to
the annotation YAML the build reads (atomically, comments and order kept, undoable), a rebuild
after each save with the build's findings beside their sentence. See docs/curating.md.
"""
