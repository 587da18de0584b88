"""Similar cases (类案推送, 法发〔2022〕33号 §8): index the stored cases and find the ones like a given case."""
