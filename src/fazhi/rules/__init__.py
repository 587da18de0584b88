"""Court rules as functions: fees, appeal routes …"""
