"""BackCoach: a back-pain exercise coach for chat, answering only from a curated knowledge base."""

__version__ = "0.1.0"
