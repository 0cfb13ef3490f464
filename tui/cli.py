def main() -> int:
    print("leanon")
    return 0
