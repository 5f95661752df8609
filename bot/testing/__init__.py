"""A loopback fake of the Telegram Bot API and a harness that runs the real bot against it.

Used by the end-to-end tests and by ``backcoach bench --telegram`` / ``--reminders``.
It lives in the package, not under ``tests/``, because the benchmarks are part of the
installed ``backcoach`` command: an installed package cannot import ``tests``, and the
alternative (the bench putting a source checkout on ``sys.path``) broke whenever the command
ran from elsewhere. The cost is small: the fake server is standard library only, the harness
needs nothing beyond python-telegram-bot, and neither is imported unless a test or a
benchmark asks for it. Nothing here touches the network beyond 127.0.0.1.

- :mod:`bot.testing.telegram_api`: ``FakeTelegram``, the fake server and its test helpers.
- :mod:`bot.testing.harness`: ``running_bot`` / ``running_application``, the real PTB
  Application in a background thread polling that server.
"""
