"""The utterance coder: is a reply prompting (a question, a reflection) or directing
(advice, persuasion, a leading question)? It is the chat turn's runtime guard, so it lives
in the product; the staff's evaluation suite (`eval/`) measures conversations with it.
"""
