"""The drafting engine (`gongyun draft`): from a new text to draft annotations a curator judges.

One job per module: `tokens` (word segmentation with parts of speech, jieba's own dictionary),
`lexicon` (what the graph knows, with the surface forms a text may write), `mentions` (longest
match of known names), `newnames` (new entities from the shapes of Chinese names), `figures`
(every number and date parsed, relative dates resolved), `skeletons` (claim skeletons for the
frequent fact kinds), `writer` (the curated YAML, never over a curator's file), `draft` (the
pipeline), `evaluate` (leave-one-out against the curated annotations), `cli`.
"""
