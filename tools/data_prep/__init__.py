"""Offline data preparation for the Hanoi wards dashboard.

Everything here reads only pinned PyPI packages (see tools/requirements-prep.txt)
and writes files under public/data/. Nothing here touches the network.
"""
